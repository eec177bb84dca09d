using System.Collections.Immutable;
using System.Diagnostics;
using AwaitRaceAnalyzer.Filters;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwaitRaceAnalyzer.Bench;

/// <summary>
/// The real-code part of the benchmark (<c>--real &lt;results&gt;</c>): each project whose compiler inputs bench/RealCode
/// recorded is compiled in-process, then analysed by each pack in its own CompilationWithAnalyzers run.
/// </summary>
internal static class RealBench
{
    public sealed record Profile(long Seen, long SyntaxPassed, long OperationPassed, long Graphs, long FlowBodies, long FlowWithFindings, double[] Milliseconds, double[] AllocatedMegabytes, double EvidenceMilliseconds, double EvidenceMegabytes);

    public sealed record ProjectResult(
        RealInputs Inputs,
        int Trees,
        int CompilerErrors,
        string? FirstCompilerError,
        TimeSpan Compilation,
        IReadOnlyDictionary<string, TimeSpan> Packs,
        IReadOnlyDictionary<string, int> OurRules,
        Profile? Profile,
        IdeLatency? Ide);

    public sealed record IdeLatency(string File, int Lines, TimeSpan Compiler, IReadOnlyDictionary<string, TimeSpan> Packs, TimeSpan OurExecution);

    private static readonly AnalysisPhase[] Phases = { AnalysisPhase.CandidateFilter, AnalysisPhase.OperationFilter, AnalysisPhase.GraphBuild, AnalysisPhase.FlowAnalysis };

    public static async Task<ProjectResult> RunAsync(RealInputs inputs, IReadOnlyList<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)> packs, string ours, int runs, bool profile, bool ide)
    {
        var compileTimes = new List<TimeSpan>();
        var packTimes = packs.ToDictionary(p => p.Name, _ => TimeSpan.MaxValue);
        var ourRules = new Dictionary<string, int>();
        Profile? kept = null;
        var errors = 0;
        string? firstError = null;
        var treeCount = 0;

        for (var run = 0; run < runs; run++)
        {
            // The compiler's own work, as csc does it before emitting: parse, declare, bind, and its diagnostics.
            Settle();
            var stopwatch = Stopwatch.StartNew();
            var trees = inputs.Parse();
            var compilation = inputs.Compile(trees);
            var compilerDiagnostics = compilation.GetDiagnostics();
            compileTimes.Add(stopwatch.Elapsed);
            treeCount = trees.Length;
            var errorList = compilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            errors = errorList.Count;
            firstError = errorList.FirstOrDefault()?.ToString();

            // Each pack in its own driver run on a fresh compilation of the same trees; sequential, with execution-time telemetry.
            foreach (var (name, analyzers) in packs)
            {
                var withAnalyzers = inputs.Compile(trees).WithAnalyzers(analyzers, Options(inputs, trees));
                var isOurs = name == ours;
                if (isOurs)
                {
                    AnalysisProfile.Enabled = profile;
                    AnalysisProfile.AllocatedBytes = profile ? () => GC.GetAllocatedBytesForCurrentThread() : null;
                    AnalysisProfile.Reset();
                }

                Settle();
                var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
                AnalysisProfile.Enabled = false;
                var total = TimeSpan.Zero;
                foreach (var analyzer in analyzers)
                {
                    total += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime;
                }

                if (total < packTimes[name])
                {
                    packTimes[name] = total;
                    if (isOurs)
                    {
                        ourRules = diagnostics.Where(d => d.Id.StartsWith("AWR", StringComparison.Ordinal) && !d.IsSuppressed)
                            .GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());
                        kept = profile ? Snapshot() : null;
                    }
                }
            }
        }

        var latency = ide ? await IdeAsync(inputs, packs, ours, runs) : null;
        return new ProjectResult(inputs, treeCount, errors, firstError, compileTimes.Min(), packTimes, ourRules, kept, latency);
    }

    /// <summary>
    /// The IDE's latency for the project's largest hand-written file: one document's semantic diagnostics from a
    /// CompilationWithAnalyzers that has already analysed another document (so the project's declarations are built, as
    /// in an open solution). Next to it, the compiler alone: that file's semantic diagnostics on a warmed compilation.
    /// </summary>
    private static async Task<IdeLatency?> IdeAsync(RealInputs inputs, IReadOnlyList<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)> packs, string ours, int runs)
    {
        if (inputs.HandWritten.Count < 2)
        {
            return null;
        }

        var largest = inputs.HandWritten.OrderByDescending(f => new FileInfo(f).Length).First();
        var smallest = inputs.HandWritten.OrderBy(f => new FileInfo(f).Length).First();
        var compiler = TimeSpan.MaxValue;
        var packTimes = packs.ToDictionary(p => p.Name, _ => TimeSpan.MaxValue);
        var ourExecution = TimeSpan.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            var trees = inputs.Parse();
            var target = trees.First(t => t.FilePath == largest);
            var warm = trees.First(t => t.FilePath == smallest);

            var compilation = inputs.Compile(trees);
            compilation.GetSemanticModel(warm).GetDiagnostics();
            Settle();
            var stopwatch = Stopwatch.StartNew();
            compilation.GetSemanticModel(target).GetDiagnostics();
            compiler = Min(compiler, stopwatch.Elapsed);

            foreach (var (name, analyzers) in packs)
            {
                var withAnalyzers = inputs.Compile(trees).WithAnalyzers(analyzers, Options(inputs, trees));
                await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(withAnalyzers.Compilation.GetSemanticModel(warm), null, CancellationToken.None);
                var before = await ExecutionAsync(withAnalyzers, analyzers);
                var model = withAnalyzers.Compilation.GetSemanticModel(target);
                Settle();
                stopwatch.Restart();
                await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None);
                packTimes[name] = Min(packTimes[name], stopwatch.Elapsed);
                if (name == ours)
                {
                    ourExecution = Min(ourExecution, await ExecutionAsync(withAnalyzers, analyzers) - before);
                }
            }
        }

        return new IdeLatency(Path.GetRelativePath(inputs.ProjectDirectory, largest), File.ReadLines(largest).Count(), compiler, packTimes, ourExecution);
    }

    private static async Task<TimeSpan> ExecutionAsync(CompilationWithAnalyzers withAnalyzers, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var total = TimeSpan.Zero;
        foreach (var analyzer in analyzers)
        {
            total += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime;
        }

        return total;
    }

    private static CompilationWithAnalyzersOptions Options(RealInputs inputs, ImmutableArray<SyntaxTree> trees) =>
        new(
            inputs.AnalyzerOptions(trees),
            onAnalyzerException: (exception, analyzer, _) => Console.Error.WriteLine($"{analyzer}: {exception.Message}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);

    private static Profile Snapshot() => new(
        AnalysisProfile.Count(AnalysisPhase.CandidateFilter),
        AnalysisProfile.Passed(AnalysisPhase.CandidateFilter),
        AnalysisProfile.Passed(AnalysisPhase.OperationFilter),
        AnalysisProfile.Count(AnalysisPhase.GraphBuild),
        AnalysisProfile.Count(AnalysisPhase.FlowAnalysis),
        AnalysisProfile.Passed(AnalysisPhase.FlowAnalysis),
        Phases.Select(AnalysisProfile.Milliseconds).ToArray(),
        Phases.Select(phase => AnalysisProfile.Allocated(phase) / 1048576.0).ToArray(),
        AnalysisProfile.Milliseconds(AnalysisPhase.Evidence),
        AnalysisProfile.Allocated(AnalysisPhase.Evidence) / 1048576.0);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
