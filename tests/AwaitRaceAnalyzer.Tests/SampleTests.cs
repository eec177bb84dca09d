using AwaitRaceAnalyzer.Sample;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests;

/// <summary>The sample is the product's demonstration: its diagnostics and its results are pinned here.</summary>
public class SampleTests
{
    private static readonly string SampleDirectory = Path.Combine(AppContext.BaseDirectory, "SampleSources");

    [Fact]
    public async Task SampleSources_ReportExactlyTheUnsafeWrite()
    {
        var test = new Verify.Test();
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        var files = Directory.GetFiles(SampleDirectory, "*.cs").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.Contains(files, f => Path.GetFileName(f) == "UnsafeCounter.cs");
        foreach (var file in files)
        {
            test.TestState.Sources.Add((Path.GetFileName(file), await File.ReadAllTextAsync(file)));
        }

        // UnsafeCounter.IncrementAsync: the write, the read of _count, the await; nothing in the fixed counters.
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.LostUpdate)
            .WithSpan("UnsafeCounter.cs", 16, 13, 16, 33)
            .WithSpan("UnsafeCounter.cs", 14, 27, 14, 33)
            .WithSpan("UnsafeCounter.cs", 15, 13, 15, 32)
            .WithArguments("_count", "await Task.Delay(1)"));
        await test.RunAsync();
    }

    [Fact]
    public void UnsafeCounter_OnOneThread_LosesAllButOneUpdate()
    {
        // Every task reads 0 before the first continuation runs, so every write stores 1: deterministic on one thread.
        Assert.Equal(1, CounterRace.RunOnSingleThread(new UnsafeCounter()));
    }

    [Fact]
    public void UnsafeCounter_OnThreadPool_LosesUpdates()
    {
        Assert.InRange(CounterRace.RunOnThreadPool(new UnsafeCounter()), 1, CounterRace.TaskCount - 1);
    }

    [Fact]
    public void SemaphoreSlimCounter_CountsEveryUpdate()
    {
        Assert.Equal(CounterRace.TaskCount, CounterRace.RunOnThreadPool(new SemaphoreSlimCounter()));
        Assert.Equal(CounterRace.TaskCount, CounterRace.RunOnSingleThread(new SemaphoreSlimCounter()));
    }

    [Fact]
    public void InterlockedCounter_CountsEveryUpdate()
    {
        Assert.Equal(CounterRace.TaskCount, CounterRace.RunOnThreadPool(new InterlockedCounter()));
        Assert.Equal(CounterRace.TaskCount, CounterRace.RunOnSingleThread(new InterlockedCounter()));
    }
}
