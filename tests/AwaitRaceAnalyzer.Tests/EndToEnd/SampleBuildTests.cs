using System.Text.RegularExpressions;
using AwaitRaceAnalyzer.Tests.Infrastructure;

namespace AwaitRaceAnalyzer.Tests.EndToEnd;

/// <summary>
/// README command 1 end to end: <c>dotnet build</c> of the sample project in place reports exactly the three warnings
/// (AWR003 through the sample's .editorconfig), and <c>dotnet run</c> prints the three sections with the deterministic
/// single-thread results.
/// </summary>
public class SampleBuildTests
{
    [Fact]
    public void BuildShowsTheThreeWarnings_AndRunPrintsEachRuleUnsafeThenFixed()
    {
        var root = DotnetCli.RepositoryRoot();

        // README command 1, without rebuilding or restoring what the test run already built and restored (other
        // tests pack the analyzer meanwhile): only the sample is compiled again, with its own .csproj and
        // .editorconfig files.
        var build = DotnetCli.Succeed(root, null, "build", "samples/AwaitRaceAnalyzer.Sample", "--no-incremental", "--no-dependencies", "--no-restore");

        var warnings = Regex.Matches(build, @"([^\s/\\]+\.cs)\((\d+),(\d+)\): warning (\w+)")
            .Select(m => $"{m.Groups[1].Value}({m.Groups[2].Value},{m.Groups[3].Value}): warning {m.Groups[4].Value}")
            .Distinct()
            .OrderBy(w => w, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(
            new[]
            {
                "UnsafeCounter.cs(16,13): warning AWR001",
                "UnsafeInteraction.cs(28,13): warning AWR002",
                "UnsafeSettingsCache.cs(15,16): warning AWR003", // a suggestion by default: the sample's .editorconfig
            },
            warnings);

        var run = DotnetCli.Succeed(root, null, "run", "--no-build", "--project", "samples/AwaitRaceAnalyzer.Sample");
        var lines = run.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(
            new[] { "== Lost update (AWR001) ==", "== Check-then-act (AWR002) ==", "== Lazy initialisation (AWR003) ==" },
            lines.Where(l => l.StartsWith("== ", StringComparison.Ordinal)));
        Assert.Equal(
            new[]
            {
                "  single thread            Final count: 1 (expected 1000)",
                "  SemaphoreSlim, 1 thread  Final count: 1000 (expected 1000)",
                "  Interlocked, 1 thread    Final count: 1000 (expected 1000)",
                "  single thread            Responses sent: 2 (expected 1); second caller: no exception",
                "  single thread            Responses sent: 1 (expected 1); second caller: InvalidOperationException \"This interaction has already been responded to.\"",
                "  single thread            Loads: 100 (expected 1)",
                "  single thread            Loads: 1 (expected 1)",
            },
            lines.Where(l => l.Contains(" thread ", StringComparison.Ordinal) && !l.Contains("thread pool", StringComparison.Ordinal)));
    }
}
