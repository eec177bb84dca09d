using AwaitRaceAnalyzer.Tests.Infrastructure;

namespace AwaitRaceAnalyzer.Tests.EndToEnd;

/// <summary>
/// End to end for AWR003: a settings cache whose lazily initialised value 100 concurrent callers request, loaded 100
/// times; <c>dotnet format analyzers --diagnostics AWR003 --severity info</c> applies the single-flight fix, and the
/// rebuilt program loads exactly once.
/// </summary>
public class SingleFlightEndToEndTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public SingleFlightEndToEndTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    private const string Cache = """
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class SettingsCache
        {
            private int _loads;
            private string? _settings;

            public int Loads => Volatile.Read(ref _loads);

            public async Task<string> GetAsync()
                => _settings ??= await LoadAsync();

            private async Task<string> LoadAsync()
            {
                Interlocked.Increment(ref _loads);
                await Task.Delay(100);
                return "settings";
            }
        }
        """;

    private const string Program = """
        using System;
        using System.Linq;
        using System.Threading.Tasks;

        var cache = new SettingsCache();
        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => cache.GetAsync())));
        Console.WriteLine($"Loads: {cache.Loads}");
        """;

    [Fact]
    public void DotnetFormatAppliesSingleFlight_AndOneHundredConcurrentCallersShareOneLoad()
    {
        var directory = DotnetCli.NewTemporaryDirectory("awr-e2e-sf-");
        try
        {
            var analyzers = AppContext.BaseDirectory;
            File.WriteAllText(Path.Combine(directory, "Settings.csproj"), $"""
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
            File.WriteAllText(Path.Combine(directory, "SettingsCache.cs"), Cache);
            File.WriteAllText(Path.Combine(directory, "Program.cs"), Program);

            DotnetCli.Succeed(directory, null, "build", "-nologo");
            var before = DotnetCli.Succeed(directory, null, "run", "--no-build").Trim();
            var loadsBefore = int.Parse(before.Substring("Loads: ".Length), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(loadsBefore > 1, $"before the fix: {before}");

            DotnetCli.Succeed(directory, null, "format", "analyzers", "Settings.csproj", "--diagnostics", "AWR003", "--severity", "info");
            var fixedCache = File.ReadAllText(Path.Combine(directory, "SettingsCache.cs"));
            Assert.Contains("=> _settings ?? await LoadSettingsOnceAsync(() => LoadAsync());", fixedCache);
            Assert.Contains("private Task<string>? _settingsLoad;", fixedCache);

            var build = DotnetCli.Succeed(directory, null, "build", "-nologo", "--no-incremental");
            Assert.Contains("0 Error(s)", build);
            var after = DotnetCli.Succeed(directory, null, "run", "--no-build").Trim();
            _output.WriteLine($"before the fix: {before}; after: {after}");
            Assert.Equal("Loads: 1", after);
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }
}
