// Loads AwaitRaceAnalyzer from its DLL and runs it on a compilation, with default severities and no .editorconfig.
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwaitRaceAnalyzer.RealBugs;

/// <param name="Reports">Our diagnostics (AWR...), in every file.</param>
/// <param name="CompileErrors">The compiler's errors, for context: a type from a package does not bind.</param>
/// <param name="AnalyzerFailures">Exceptions thrown by an analyzer (what a build reports as AD0001).</param>
internal sealed record AnalysisResult(ImmutableArray<Diagnostic> Reports, ImmutableArray<Diagnostic> CompileErrors, IReadOnlyList<string> AnalyzerFailures);

internal sealed class AnalyzerRun
{
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;

    private AnalyzerRun(ImmutableArray<DiagnosticAnalyzer> analyzers) => _analyzers = analyzers;

    public int AnalyzerCount => _analyzers.Length;

    /// <summary>Every C# analyzer in the DLL, found through the reference (the types' names and namespaces may change).</summary>
    public static AnalyzerRun Load(string dll)
    {
        var reference = new AnalyzerFileReference(dll, new Loader(Path.GetDirectoryName(dll)!));
        var failures = new List<string>();
        reference.AnalyzerLoadFailed += (_, e) => failures.Add($"{e.ErrorCode}: {e.Message} {e.Exception?.Message}");
        var analyzers = reference.GetAnalyzers(LanguageNames.CSharp);
        if (analyzers.IsEmpty || failures.Count > 0)
        {
            throw new InvalidOperationException($"no analyzer loaded from {dll}: {string.Join("; ", failures)}");
        }

        return new AnalyzerRun(analyzers);
    }

    public async Task<AnalysisResult> RunAsync(Compilation compilation)
    {
        var failures = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, diagnostic) => failures.Enqueue($"{analyzer.GetType().Name}: {diagnostic.GetMessage()}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var all = await compilation.WithAnalyzers(_analyzers, options).GetAllDiagnosticsAsync();
        var reports = all.Where(d => d.Id.StartsWith("AWR", StringComparison.Ordinal)).ToImmutableArray();
        var errors = all.Where(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", StringComparison.Ordinal)).ToImmutableArray();
        foreach (var failure in all.Where(d => d.Id == "AD0001"))
        {
            var message = failure.GetMessage();
            if (!failures.Any(f => f.Contains(message, StringComparison.Ordinal)))
            {
                failures.Enqueue(message);
            }
        }

        return new AnalysisResult(reports, errors, failures.Distinct().ToList());
    }

    /// <summary>Loads the analyzer into the default context, so it binds to this tool's (newer) Roslyn; its other dependencies come from its folder.</summary>
    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public Loader(string folder) =>
            AssemblyLoadContext.Default.Resolving += (context, name) =>
            {
                var path = Path.Combine(folder, name.Name + ".dll");
                return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
            };

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
    }
}
