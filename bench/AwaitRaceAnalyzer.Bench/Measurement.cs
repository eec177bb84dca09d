using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwaitRaceAnalyzer.Bench;

/// <summary>
/// Times the compiler and each analyzer pack on one corpus. Each figure is the best of several runs: on a shared
/// virtual machine the noise only ever adds time, so the minimum is the steadiest estimate of the cost.
/// </summary>
internal static class Measurement
{
    private static readonly ImmutableArray<MetadataReference> References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();

    public sealed record Result(TimeSpan Compilation, IReadOnlyDictionary<string, TimeSpan> Packs, int OurDiagnostics);

    public static async Task<Result> RunAsync(string[] sources, IReadOnlyList<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)> packs, int runs)
    {
        var compileTimes = new List<TimeSpan>();
        var packTimes = packs.ToDictionary(p => p.Name, _ => new List<TimeSpan>());
        var ourDiagnostics = 0;
        var all = packs.SelectMany(p => p.Analyzers).ToImmutableArray();

        for (var run = 0; run < runs; run++)
        {
            // The compiler's own work: parse, bind, and produce its diagnostics. Each timing starts from a collected heap
            // so that garbage left by the previous corpus is not charged to the next one.
            Settle();
            var stopwatch = Stopwatch.StartNew();
            var compilation = Compile(sources);
            compilation.GetDiagnostics();
            compileTimes.Add(stopwatch.Elapsed);

            // All packs in one driver run, sequential so each analyzer's execution time is its own.
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => Console.Error.WriteLine($"{analyzer}: {exception.Message}"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true);
            var withAnalyzers = Compile(sources).WithAnalyzers(all, options);
            Settle();
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
            ourDiagnostics = diagnostics.Count(d => d.Id.StartsWith("AWR", StringComparison.Ordinal));
            foreach (var (name, analyzers) in packs)
            {
                var total = TimeSpan.Zero;
                foreach (var analyzer in analyzers)
                {
                    total += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime;
                }

                packTimes[name].Add(total);
            }
        }

        return new Result(compileTimes.Min(), packTimes.ToDictionary(p => p.Key, p => p.Value.Min()), ourDiagnostics);
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static CSharpCompilation Compile(string[] sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parse, path: $"File{i}.cs")).ToArray();
        return CSharpCompilation.Create(
            "Corpus",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }
}
