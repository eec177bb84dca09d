using AwaitRaceAnalyzer.Sample;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.EndToEnd;

/// <summary>The sample is the product's demonstration: its diagnostics and its results are pinned here.</summary>
public class SampleTests
{
    internal static readonly string SampleDirectory = Path.Combine(AppContext.BaseDirectory, "SampleSources");

    [Fact]
    public async Task SampleSources_ReportExactlyTheThreeUnsafeWrites_AsWarnings()
    {
        var test = new Verify.Test();
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.SolutionTransforms.Add(EnableNullable);
        var files = Directory.GetFiles(SampleDirectory, "*.cs").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.Contains(files, f => Path.GetFileName(f) == "UnsafeCounter.cs");
        Assert.Contains(files, f => Path.GetFileName(f) == "UnsafeInteraction.cs");
        Assert.Contains(files, f => Path.GetFileName(f) == "UnsafeSettingsCache.cs");
        foreach (var file in files)
        {
            test.TestState.Sources.Add(("/" + Path.GetFileName(file), await File.ReadAllTextAsync(file)));
        }

        // The sample's own .editorconfig, as the build reads it: it raises AWR003 to a warning.
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", await File.ReadAllTextAsync(Path.Combine(SampleDirectory, ".editorconfig"))));

        // UnsafeCounter.IncrementAsync: the write, the read of _count, the await, and the 1000 calls that reach Task.WhenAll.
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.LostUpdate)
            .WithSeverity(DiagnosticSeverity.Warning)
            .WithSpan("/UnsafeCounter.cs", 16, 13, 16, 33)
            .WithSpan("/UnsafeCounter.cs", 14, 27, 14, 33)
            .WithSpan("/UnsafeCounter.cs", 15, 13, 15, 32)
            .WithSpan("/CounterRace.cs", 19, 19, 19, 38)
            .WithArguments("_count", "await Task.Delay(1)", "; IncrementAsync runs concurrently on one UnsafeCounter (Task.WhenAll in CounterRace.RunAsync)"));

        // UnsafeInteraction.RespondAsync: the write of the flag, its test in the lock, the await.
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.CheckThenAct)
            .WithSeverity(DiagnosticSeverity.Warning)
            .WithSpan("/UnsafeInteraction.cs", 28, 13, 28, 32)
            .WithSpan("/UnsafeInteraction.cs", 21, 21, 21, 33)
            .WithSpan("/UnsafeInteraction.cs", 27, 13, 27, 34)
            .WithArguments("HasResponded", "await SendAsync(text)", string.Empty));

        // UnsafeSettingsCache.GetAsync: the ??= fill, its test of _settings, the await, the callers that reach Task.WhenAll; a suggestion by default, a warning through the .editorconfig.
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.LazyInitialization)
            .WithSeverity(DiagnosticSeverity.Warning)
            .WithSpan("/UnsafeSettingsCache.cs", 15, 16, 15, 47)
            .WithSpan("/UnsafeSettingsCache.cs", 15, 16, 15, 25)
            .WithSpan("/UnsafeSettingsCache.cs", 15, 30, 15, 47)
            .WithSpan("/LoadRace.cs", 19, 19, 19, 40)
            .WithArguments("_settings", "await LoadAsync()", "; GetAsync runs concurrently on one UnsafeSettingsCache (Task.WhenAll in LoadRace.RunAsync)"));

        // Nothing in the fixed versions (SemaphoreSlimCounter, InterlockedCounter, ClaimBeforeAwaitInteraction,
        // SingleFlightSettingsCache) nor in the drivers.
        await test.RunAsync();
    }

    internal static Solution EnableNullable(Solution solution, ProjectId projectId)
    {
        var options = (CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!;
        return solution.WithProjectCompilationOptions(projectId, options.WithNullableContextOptions(NullableContextOptions.Enable));
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

    [Fact]
    public void UnsafeInteraction_OnOneThread_SendsTwoResponsesAndNobodyIsRejected()
    {
        // Both callers pass the check before either's send completes, so both send: deterministic on one thread.
        var outcome = RespondRace.RunOnSingleThread(new UnsafeInteraction());
        Assert.Equal(2, outcome.ResponsesSent);
        Assert.Null(outcome.SecondCallerError);
    }

    [Fact]
    public void UnsafeInteraction_OnThreadPool_SendsMoreThanOneResponse()
    {
        // The first caller is suspended in its send when the second checks the flag.
        Assert.Equal(2, RespondRace.RunOnThreadPool(new UnsafeInteraction()).ResponsesSent);
    }

    [Fact]
    public void ClaimBeforeAwaitInteraction_SendsOneResponse_AndTheSecondCallerGetsTheGuardsException()
    {
        foreach (var outcome in new[] { RespondRace.RunOnSingleThread(new ClaimBeforeAwaitInteraction()), RespondRace.RunOnThreadPool(new ClaimBeforeAwaitInteraction()) })
        {
            Assert.Equal(1, outcome.ResponsesSent);
            var error = Assert.IsType<InvalidOperationException>(outcome.SecondCallerError);
            Assert.Equal("This interaction has already been responded to.", error.Message);
        }
    }

    [Fact]
    public void UnsafeSettingsCache_OnOneThread_LoadsOncePerCaller()
    {
        // Every caller finds no settings before the first load completes: deterministic on one thread.
        Assert.Equal(LoadRace.CallerCount, LoadRace.RunOnSingleThread(new UnsafeSettingsCache()));
    }

    [Fact]
    public void UnsafeSettingsCache_OnThreadPool_LoadsMoreThanOnce()
    {
        Assert.InRange(LoadRace.RunOnThreadPool(new UnsafeSettingsCache()), 2, LoadRace.CallerCount);
    }

    [Fact]
    public void SingleFlightSettingsCache_LoadsOnce()
    {
        Assert.Equal(1, LoadRace.RunOnSingleThread(new SingleFlightSettingsCache()));
        Assert.Equal(1, LoadRace.RunOnThreadPool(new SingleFlightSettingsCache()));
    }
}
