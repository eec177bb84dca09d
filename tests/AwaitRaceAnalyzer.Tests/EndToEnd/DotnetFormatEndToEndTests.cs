using AwaitRaceAnalyzer.Tests.Infrastructure;

namespace AwaitRaceAnalyzer.Tests.EndToEnd;

/// <summary>
/// End to end: the sample's unsafe counter in a fresh project, fixed by <c>dotnet format analyzers</c>, built with no
/// AWR001 left, and run to a final count of 1000.
/// </summary>
public class DotnetFormatEndToEndTests
{
    private static readonly string[] SampleFiles = { "UnsafeCounter.cs", "ICounter.cs", "CounterRace.cs", "SingleThreadSynchronizationContext.cs" };

    [Fact]
    public void DefaultFix_IsInterlocked_AndTheFixedCounterCountsEveryUpdate()
    {
        using var project = TemporaryProject.Create(editorconfig: null);
        var (fixedCounter, output) = project.FormatBuildAndRun();

        Assert.Contains("Interlocked.Increment(ref _count);", fixedCounter);
        Assert.DoesNotContain("var current = _count;", fixedCounter);
        Assert.Contains("// other tasks run here", fixedCounter);
        Assert.Contains("Thread pool: Final count: 1000 (expected 1000)", output);
        Assert.Contains("One thread: Final count: 1000 (expected 1000)", output);
    }

    [Fact]
    public void PreferredFixOption_SemaphoreSlim_IsApplied_AndTheFixedCounterCountsEveryUpdate()
    {
        using var project = TemporaryProject.Create(editorconfig: "[*.cs]\nawait_race.preferred_code_fix = semaphore_slim\n");
        var (fixedCounter, output) = project.FormatBuildAndRun();

        Assert.Contains("private readonly SemaphoreSlim _countGate = new SemaphoreSlim(1, 1);", fixedCounter);
        Assert.Contains("await _countGate.WaitAsync();", fixedCounter);
        Assert.Contains("_countGate.Release();", fixedCounter);
        Assert.Contains("Thread pool: Final count: 1000 (expected 1000)", output);
        Assert.Contains("One thread: Final count: 1000 (expected 1000)", output);
    }

    private sealed class TemporaryProject : IDisposable
    {
        private readonly string _directory;

        private TemporaryProject(string directory) => _directory = directory;

        public static TemporaryProject Create(string? editorconfig)
        {
            var directory = DotnetCli.NewTemporaryDirectory("awr-e2e-");
            var analyzers = AppContext.BaseDirectory;
            File.WriteAllText(Path.Combine(directory, "Counter.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <Analyzer Include="{Path.Combine(analyzers, "AwaitRaceAnalyzer.dll")}" />
                    <Analyzer Include="{Path.Combine(analyzers, "AwaitRaceAnalyzer.CodeFixes.dll")}" />
                  </ItemGroup>
                </Project>
                """);
            foreach (var file in SampleFiles)
            {
                File.Copy(Path.Combine(analyzers, "SampleSources", file), Path.Combine(directory, file));
            }

            File.WriteAllText(Path.Combine(directory, "Program.cs"), """
                using AwaitRaceAnalyzer.Sample;
                System.Console.WriteLine("Thread pool: " + CounterRace.Describe("", CounterRace.RunOnThreadPool(new UnsafeCounter())).Trim());
                System.Console.WriteLine("One thread: " + CounterRace.Describe("", CounterRace.RunOnSingleThread(new UnsafeCounter())).Trim());
                """);
            if (editorconfig is not null)
            {
                File.WriteAllText(Path.Combine(directory, ".editorconfig"), "root = true\n" + editorconfig);
            }

            return new TemporaryProject(directory);
        }

        public (string FixedCounter, string RunOutput) FormatBuildAndRun()
        {
            var before = Dotnet("build", "-nologo", "-clp:NoSummary");
            Assert.Contains("warning AWR001", before);

            Dotnet("format", "analyzers", "Counter.csproj", "--diagnostics", "AWR001", "--severity", "warn");
            var fixedCounter = File.ReadAllText(Path.Combine(_directory, "UnsafeCounter.cs"));

            var after = Dotnet("build", "-nologo", "--no-incremental");
            Assert.DoesNotContain("AWR001", after);
            Assert.Contains("0 Error(s)", after);

            return (fixedCounter, Dotnet("run", "--no-build"));
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }

        private string Dotnet(params string[] arguments) => DotnetCli.Succeed(_directory, null, arguments);
    }
}
