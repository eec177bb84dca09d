using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using AwaitRaceAnalyzer.Flow;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.Rules;
using AwaitRaceAnalyzer.State;
using AwaitRaceAnalyzer.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// Code as it looks while being typed, and shapes built to be hard: the analyzer and the fixes never throw, every fix
/// of compilable code compiles, cancellation is honoured, and nothing takes exponential time.
/// </summary>
public class RobustnessTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public RobustnessTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    private const string Header = "using System; using System.Collections.Concurrent; using System.Collections.Generic; using System.Linq; using System.Threading; using System.Threading.Tasks;\n";
    private const int Seed = 20261125;
    private const int VariantsPerSource = 4;
    private const int MaxFixRuns = 160;

    [Fact]
    public async Task FuzzedSources_NeverThrow_AndFixesOfCompilableCodeCompile()
    {
        var random = new Random(Seed);
        var sources = CorpusSources();
        Assert.True(sources.Count >= 40, $"only {sources.Count} sources found");

        var skipsBefore = AnalysisSkips.Count;
        var analyzed = 0;
        var fixRuns = 0;
        var failures = new List<string>();
        foreach (var source in sources)
        {
            foreach (var variant in Variants(source, random))
            {
                var compilation = await AnalyzerRunner.CompileAsync(variant);
                var (diagnostics, exceptions) = await AnalyzerRunner.AnalyzeAsync(compilation);
                analyzed++;
                if (exceptions.Count > 0 || diagnostics.Any(d => d.Id == "AD0001"))
                {
                    failures.Add($"analyzer threw on:\n{variant}\n{string.Join("\n", exceptions)}");
                    continue;
                }

                var compiles = !compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
                foreach (var diagnostic in diagnostics.Where(d => d.Id.StartsWith("AWR", StringComparison.Ordinal)).Take(2))
                {
                    if (fixRuns >= MaxFixRuns)
                    {
                        break;
                    }

                    fixRuns++;
                    try
                    {
                        foreach (var (title, fixedCompilation) in await CodeFixRunner.ApplyEachAsync(compilation, diagnostic))
                        {
                            var errors = fixedCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                            if (compiles && errors.Count > 0)
                            {
                                failures.Add($"'{title}' broke compilable code:\n{variant}\n=>\n{fixedCompilation.SyntaxTrees.Single()}\n{string.Join("\n", errors)}");
                            }
                        }
                    }
                    catch (Exception exception) when (exception is not OutOfMemoryException)
                    {
                        failures.Add($"code fix threw on:\n{variant}\n{exception}");
                    }
                }
            }
        }

        var skipped = AnalysisSkips.Count - skipsBefore;
        _output.WriteLine($"{sources.Count} sources, {analyzed} variants analysed, {fixRuns} fix runs, {failures.Count} failures, {skipped} bodies skipped");
        Assert.True(skipped == 0, $"the analysis gave up on {skipped} bodies; last failure: {AnalysisSkips.LastFailure}");
        Assert.True(analyzed >= sources.Count * VariantsPerSource, $"analyzed {analyzed}");
        Assert.True(fixRuns > 20, $"only {fixRuns} fix runs: the corpus lost its racy code");
        Assert.True(failures.Count == 0, $"{failures.Count} failure(s); first:\n{failures.FirstOrDefault()}");
    }

    /// <summary>
    /// The round trip, over every test source and its fuzzed variants: every fix offered for a diagnostic of compilable
    /// code compiles, and removes the diagnostic it was offered for (fewer diagnostics with the same ID, state and
    /// member afterwards). Prints the counts per fix.
    /// </summary>
    [Fact]
    public async Task FuzzedSources_EveryOfferedFix_CompilesAndRemovesItsDiagnostic()
    {
        var random = new Random(Seed);
        var sources = CorpusSources();
        var counts = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var failures = new List<string>();
        var diagnosticsSeen = 0;
        foreach (var source in sources)
        {
            foreach (var variant in Variants(source, random))
            {
                var compilation = await AnalyzerRunner.CompileAsync(variant);
                if (compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
                {
                    continue;
                }

                var (diagnostics, _) = await AnalyzerRunner.AnalyzeAsync(compilation);
                var before = diagnostics.Where(d => d.Id.StartsWith("AWR", StringComparison.Ordinal)).ToList();
                foreach (var diagnostic in before)
                {
                    diagnosticsSeen++;
                    var place = Place(diagnostic);
                    var countBefore = before.Count(d => Place(d) == place);
                    foreach (var (title, key, fixedCompilation) in await CodeFixRunner.ApplyEachWithKeyAsync(compilation, diagnostic))
                    {
                        if (!counts.TryGetValue(key, out var row))
                        {
                            counts[key] = row = new int[3];
                        }

                        row[0]++;
                        var errors = fixedCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                        if (errors.Count > 0)
                        {
                            failures.Add($"'{title}' broke compilable code:\n{variant}\n=>\n{fixedCompilation.SyntaxTrees.Single()}\n{string.Join("\n", errors)}");
                            continue;
                        }

                        row[1]++;
                        var (after, _) = await AnalyzerRunner.AnalyzeAsync(fixedCompilation);
                        if (after.Count(d => Place(d) == place) >= countBefore)
                        {
                            failures.Add($"'{title}' left {place}:\n{variant}\n=>\n{fixedCompilation.SyntaxTrees.Single()}");
                            continue;
                        }

                        row[2]++;
                    }
                }
            }
        }

        _output.WriteLine($"{sources.Count} sources, {diagnosticsSeen} diagnostics in compilable variants");
        _output.WriteLine("fix: offered / compiled / diagnostic removed");
        foreach (var pair in counts)
        {
            _output.WriteLine($"{pair.Key}: {pair.Value[0]} / {pair.Value[1]} / {pair.Value[2]}");
        }

        Assert.True(counts.Values.Sum(row => row[0]) > 100, "too few fixes offered: the corpus lost its racy code");
        Assert.True(failures.Count == 0, $"{failures.Count} failure(s); first:\n{string.Join("\n----\n", failures.Take(3))}");
    }

    /// <summary>Where a diagnostic is, in terms that survive a fix: its ID, its state and the member holding it.</summary>
    private static string Place(Diagnostic diagnostic)
    {
        var node = diagnostic.Location.SourceTree!.GetRoot().FindNode(diagnostic.Location.SourceSpan);
        var member = node.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault(m => m is not (BaseTypeDeclarationSyntax or NamespaceDeclarationSyntax));
        var type = node.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault();
        var memberName = member switch
        {
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            ConstructorDeclarationSyntax => ".ctor",
            _ => member?.Kind().ToString() ?? "?",
        };
        diagnostic.Properties.TryGetValue("StateName", out var state);
        return $"{diagnostic.Id} '{state}' in {type?.Identifier.ValueText}.{memberName}";
    }

    [Fact]
    public async Task PreCancelledToken_StopsTheFixedPointLoop()
    {
        var compilation = await AnalyzerRunner.CompileAsync(LongMethod(2000));
        var tree = compilation.SyntaxTrees.Single();
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "RunAsync");
        var body = (IMethodBodyOperation)compilation.GetSemanticModel(tree).GetOperation(method)!;
        var graph = ControlFlowGraph.Create(body);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var sharing = VariableSharing.Build(body);
        var analysed = new AnalysedBody(null, compilation.GetTypeByMetadataName("Program"), AnalysisOptions.Default, sharing);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            FlowDriver.Run(graph, KnownSymbols.Create(compilation), sharing, AnalysisOptions.Default, new RuleRunner(new RuleContext(KnownSymbols.Create(compilation), compilation), analysed, cancelled.Token), cancelled.Token));
    }

    [Fact]
    public async Task CancelledWhileAnalysingA16kStatementMethod_StopsWithCancellation()
    {
        var compilation = await AnalyzerRunner.CompileAsync(LongMethod(16000));
        using var cancellation = new CancellationTokenSource();
        // A timer-based token fires on the thread pool, which tests running in parallel can starve until the
        // analysis has finished; a thread of its own cancels on time.
        var canceller = new Thread(() =>
        {
            Thread.Sleep(50);
            cancellation.Cancel();
        }) { IsBackground = true };
        var stopwatch = Stopwatch.StartNew();
        canceller.Start();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AnalyzerRunner.AnalyzeAsync(compilation, cancellation.Token));
        canceller.Join();

        // Not a speed test: a generous bound that only an analysis ignoring the token would exceed.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed} to stop");
    }

    public static TheoryData<string, string, int> PathologicalShapes() => new()
    {
        { "nested lambdas, 40 levels", NestedLambdas(40), 1 },
        { "nested ifs, 200 levels", NestedIfs(200), 1 },
        { "switch with 2000 cases", HugeSwitch(2000), 1 },
        { "goto loop", GotoLoop(), 1 },
        { "await foreach inside await using in an async iterator", IteratorWithAwaitForeachInAwaitUsing(), 1 },
        { "long method, 16000 statements", LongMethod(16000), 2000 },
    };

    [Theory]
    [MemberData(nameof(PathologicalShapes))]
    public async Task PathologicalShape_IsAnalysedWithoutExceptionAndReportsTheRace(string shape, string source, int expected)
    {
        var compilation = await AnalyzerRunner.CompileAsync(source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        // A bound, not a benchmark: exponential behaviour would not finish in it.
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var (diagnostics, exceptions) = await AnalyzerRunner.AnalyzeAsync(compilation, bound.Token);
        Assert.Empty(exceptions);
        Assert.True(diagnostics.Count(d => d.Id == DiagnosticIds.LostUpdate) == expected, $"{shape}: {diagnostics.Length} diagnostics");
    }

    /// <summary>Every C# snippet of the analyzer and fix tests (markup removed), and the sample.</summary>
    private static List<string> CorpusSources()
    {
        var root = DotnetCli.RepositoryRoot();
        var sources = new List<string>();
        var rawString = new Regex("\"\"\"\\s*\\n(.*?)\\n\\s*\"\"\"", RegexOptions.Singleline);
        var markup = new Regex(@"\{\|[^:|{}]*:|\|\}|\[\||\|\]");
        foreach (var file in Directory.GetFiles(Path.Combine(root, "tests", "AwaitRaceAnalyzer.Tests"), "*Tests.cs", SearchOption.AllDirectories).OrderBy(Path.GetFileName, StringComparer.Ordinal))
        {
            foreach (Match match in rawString.Matches(File.ReadAllText(file)))
            {
                var snippet = markup.Replace(match.Groups[1].Value, string.Empty);
                if (snippet.Contains("class ", StringComparison.Ordinal) && snippet.Contains("await", StringComparison.Ordinal) && !snippet.Contains("<Project", StringComparison.Ordinal))
                {
                    sources.Add(Header + snippet);
                }
            }
        }

        var sample = Path.Combine(root, "samples", "AwaitRaceAnalyzer.Sample");
        sources.Add(string.Join("\n", new[] { "ICounter.cs", "UnsafeCounter.cs", "SemaphoreSlimCounter.cs", "InterlockedCounter.cs", "CounterRace.cs" }
            .Select(f => File.ReadAllText(Path.Combine(sample, f)))));
        return sources;
    }

    /// <summary>The source itself, then edits as a person makes them while typing: cut short, a token or a line gone.</summary>
    private static IEnumerable<string> Variants(string source, Random random)
    {
        yield return source;
        var tokens = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToList();
        for (var i = 1; i < VariantsPerSource; i++)
        {
            switch (random.Next(3))
            {
                case 0:
                    yield return source.Substring(0, Header.Length + random.Next(Math.Max(1, source.Length - Header.Length)));
                    break;
                case 1:
                    var token = tokens[random.Next(tokens.Count)];
                    yield return source.Remove(token.SpanStart, token.Span.Length);
                    break;
                default:
                    var lines = source.Split('\n').ToList();
                    lines.RemoveAt(1 + random.Next(lines.Count - 1));
                    yield return string.Join('\n', lines);
                    break;
            }
        }
    }

    private static string LongMethod(int statements) => Bench.Corpora.LongMethod(statements).Single();

    private static string NestedLambdas(int depth)
    {
        var open = new StringBuilder();
        var close = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            open.Append($"Func<Task> f{i} = async () => {{ await Task.Yield(); ");
            close.Insert(0, $" }}; await f{i}();");
        }

        return Header + $$"""
            class Nest
            {
                private int _count;
                async Task RunAsync()
                {
                    {{open}} var c = _count; await Task.Yield(); _count = c + 1; {{close}}
                }
            }
            """;
    }

    private static string NestedIfs(int depth)
    {
        var open = new StringBuilder();
        var close = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            open.Append($"if (x > {i}) {{ ");
            close.Append(" }");
        }

        return Header + $$"""
            class Deep
            {
                private int _count;
                async Task RunAsync(int x)
                {
                    var c = _count;
                    {{open}} await Task.Yield(); _count = c + 1; {{close}}
                }
            }
            """;
    }

    private static string HugeSwitch(int cases)
    {
        var body = new StringBuilder();
        for (var i = 0; i < cases; i++)
        {
            body.Append(i % 50 == 0 ? $"case {i}: await Task.Yield(); break;\n" : $"case {i}: c += {i}; break;\n");
        }

        return Header + $$"""
            class Big
            {
                private int _count;
                async Task RunAsync(int x)
                {
                    var c = _count;
                    switch (x)
                    {
            {{body}}
                    }
                    _count = c;
                }
            }
            """;
    }

    private static string GotoLoop() => Header + """
        class Jumps
        {
            private int _count;
            async Task RunAsync(int n)
            {
                var c = _count;
                var i = 0;
            again:
                if (i++ < n)
                {
                    await Task.Yield();
                    goto again;
                }

                _count = c + 1;
            }
        }
        """;

    private static string IteratorWithAwaitForeachInAwaitUsing() => Header + """
        class Stream
        {
            private int _count;
            async IAsyncEnumerable<int> ReadAsync(IAsyncDisposable resource, IAsyncEnumerable<int> items)
            {
                await using (resource)
                {
                    await foreach (var item in items)
                    {
                        var c = _count;
                        yield return item;
                        _count = c + item;
                    }
                }
            }
        }
        """;
}
