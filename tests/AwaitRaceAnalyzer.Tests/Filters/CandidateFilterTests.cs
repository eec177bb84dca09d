using AwaitRaceAnalyzer.Filters;
using AwaitRaceAnalyzer.State;
using AwaitRaceAnalyzer.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Filters;

/// <summary>
/// What the syntax filters rule out before binding: a collection that a local of the body holds, created there and
/// never passed on, is private to the call; a suspension outside any async body suspends nothing the engine sees; a
/// local no other function of the block mentions is the block's own. Debug builds (these tests) also analyse every
/// block they rule out and fail on a finding there, so a silent case here is silent for the analysis too, and a
/// reported one shows the filters kept it. The filters' own answers are checked too (kept, private locals, overlap).
/// </summary>
public class CandidateFilterTests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.Threading; using System.Threading.Tasks;\n";

    /// <summary>The write at #0, the stale read at #1, the suspension point at #2.</summary>
    private static DiagnosticResult LostUpdate(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    [Fact]
    public Task LocalListCreatedWithACollectionExpression_FilledAcrossAwaits_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Reader
            {
                Task<bool> ReadAsync() => Task.FromResult(false);

                async Task<List<int>> ReadAllAsync()
                {
                    List<int> list = [];
                    var count = list.Count;
                    while (await ReadAsync())
                    {
                        list.Add(count);
                    }

                    return list;
                }
            }
            """);

    [Theory]
    [InlineData("[]", "list = _items;")]
    [InlineData("new List<int>()", "list = _items;")]
    [InlineData("[]", "ref List<int> alias = ref list; alias = _items;")]
    [InlineData("new List<int>()", "ref List<int> alias = ref list; alias = _items;")]
    public Task LocalListCreatedHere_ThenReplacedByAField_Reports(string creation, string replacement)
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Reader
            {
                private List<int> _items = new List<int>();

                Task<bool> ReadAsync() => Task.FromResult(false);

                async Task ReadAllAsync()
                {
                    List<int> list = 
            """ + creation + ";\n" + replacement + """

                    var count = {|#1:list.Count|};
                    while ({|#2:await ReadAsync()|})
                    {
                        {|#0:list.Add(count)|};
                    }
                }
            }
            """, LostUpdate("list", "await ReadAsync()"));

    [Fact]
    public Task LocalNameDeclaredTwice_OnceFreshOnceAliasingAField_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Reader
            {
                private List<int> _items = new List<int>();

                Task<bool> ReadAsync() => Task.FromResult(false);

                async Task ReadAllAsync(bool fresh)
                {
                    if (fresh)
                    {
                        var list = new List<int>();
                        list.Add(1);
                    }
                    else
                    {
                        var list = _items;
                        var count = {|#1:list.Count|};
                        {|#2:await ReadAsync()|};
                        {|#0:list.Add(count)|};
                    }
                }
            }
            """, LostUpdate("list", "await ReadAsync()"));

    [Fact]
    public Task LocalNameDeclaredTwice_OnceFreshOnceAForeachVariableOverFields_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Reader
            {
                private readonly List<List<int>> _lists = new List<List<int>>();

                Task<bool> ReadAsync() => Task.FromResult(false);

                async Task ReadAllAsync()
                {
                    {
                        var list = new List<int>();
                        list.Add(1);
                    }

                    foreach (var list in _lists)
                    {
                        var count = {|#1:list.Count|};
                        {|#2:await ReadAsync()|};
                        {|#0:list.Add(count)|};
                    }
                }
            }
            """, LostUpdate("list", "await ReadAsync()"));

    [Theory]
    [InlineData("Keep(flag ? list : null);")]
    [InlineData("Keep((list));")]
    [InlineData("Keep(list as object);")]
    [InlineData("Keep(new[] { list });")]
    [InlineData("Keep(new List<int>[] { list });")]
    [InlineData("object stored = flag ? list : null; Keep(stored);")]
    public Task LocalListCreatedHere_PassedOnInsideAnExpression_Reports(string store)
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Reader
            {
                private static object? s_kept;

                static void Keep(object? value) => s_kept = value;

                Task<bool> ReadAsync() => Task.FromResult(false);

                async Task ReadAllAsync(bool flag)
                {
                    var list = new List<int>();
            """ + store + """

                    var count = {|#1:list.Count|};
                    {|#2:await ReadAsync()|};
                    {|#0:list.Add(count)|};
                }
            }
            """, LostUpdate("list", "await ReadAsync()"));

    [Theory]
    [InlineData("[]", false)]
    [InlineData("new List<int>()", false)]
    [InlineData("Create()", true)]
    public async Task LocalListFilledAcrossAwaits_IsRuledOutBeforeBindingOnlyWhenCreatedHere(string creation, bool kept)
        => Assert.Equal(kept, await CandidateFilterKeepsAsync(Usings + """
            class Reader
            {
                static List<int> Create() => new List<int>();

                Task<bool> ReadAsync() => Task.FromResult(false);

                async Task<List<int>> ReadAllAsync()
                {
                    List<int> list = 
            """ + creation + """
            ;
                    while (await ReadAsync())
                    {
                        list.Add(1);
                    }

                    return list;
                }
            }
            """));

    [Theory]
    [InlineData("list = _items;")]
    [InlineData("ref List<int> alias = ref list; alias = _items;")]
    [InlineData("Keep(list);")]
    public async Task LocalListCreatedHere_ReplacedOrPassedOn_IsKept(string statement)
        => Assert.True(await CandidateFilterKeepsAsync(Usings + """
            class Reader
            {
                private List<int> _items = new List<int>();

                static void Keep(List<int> list) { }

                Task<bool> ReadAsync() => Task.FromResult(false);

                async Task ReadAllAsync()
                {
                    List<int> list = [];
            """ + statement + """

                    while (await ReadAsync())
                    {
                        list.Add(1);
                    }
                }
            }
            """));

    [Fact]
    public Task LocalOfAnAsyncLambdaWrittenAcrossItsAwaits_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + LambdaWithItsOwnLocal);

    [Fact]
    public async Task LocalOfAnAsyncLambdaWrittenAcrossItsAwaits_IsRuledOutBeforeBinding()
        => Assert.False(await CandidateFilterKeepsAsync(Usings + LambdaWithItsOwnLocal));

    private const string LambdaWithItsOwnLocal = """
        class Store
        {
            Task<bool> DeleteAsync(int key) => Task.FromResult(true);

            Task<bool> InLockAsync(Func<Task<bool>> work) => work();

            Task<bool> ReadAllAsync(int[] keys)
                => InLockAsync(async () =>
                {
                    bool allFound = true;
                    foreach (var key in keys)
                    {
                        allFound = await DeleteAsync(key) && allFound;
                    }

                    return allFound;
                });
        }
        """;

    [Fact]
    public Task LocalCapturedByALocalFunctionThatRunsTwiceAtOnce_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                async Task<int> ReadAllAsync()
                {
                    var count = 0;
                    async Task IncrementAsync()
                    {
                        var current = {|#1:count|};
                        {|#2:await Task.Delay(1)|};
                        {|#0:count = current + 1|};
                    }

                    await Task.WhenAll(IncrementAsync(), IncrementAsync());
                    return count;
                }
            }
            """, LostUpdate("count", "await Task.Delay(1)"));

    [Theory]
    [InlineData("var count = 0; Func<Task> increment = async () => { var current = count; await Task.Delay(1); count = current + 1; };", true)]
    [InlineData("var count = 0; var doubled = from key in keys select key * count; count = await LoadAsync() + count;", true)]
    [InlineData("var (first, rest) = (await LoadAsync(), 1); list.Add(first + rest);", false)]
    [InlineData("(int first, var rest) = (await LoadAsync(), 1); list.Add(first + rest);", false)]
    [InlineData("(_total, var rest) = (await LoadAsync(), 1); list.Add(_total + rest);", true)]
    [InlineData("if (keys.Length > 0 && await LoadAsync() is var loaded) { loaded = loaded + 1; list.Add(loaded); }", false)]
    public async Task LocalsAndFunctions_FilterAnswer(string statements, bool kept)
        => Assert.Equal(kept, await CandidateFilterKeepsAsync(Usings + "using System.Linq;\n" + """
            class Loader
            {
                private int _total;

                Task<int> LoadAsync() => Task.FromResult(1);

                async Task ReadAllAsync(int[] keys)
                {
                    var list = new List<int>();
            """ + statements + """

                }
            }
            """));

    /// <summary>A plain iterator reads and writes a field across <c>yield return</c>: no async body, nothing to analyse.</summary>
    private const string PlainIterator = """
        class Counter
        {
            private int _count;

            IEnumerable<int> ReadAllAsync()
            {
                var c = _count;
                yield return c;
                _count = c + 1;
            }
        }
        """;

    [Fact]
    public Task PlainIteratorWritingAFieldAcrossYieldReturn_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + PlainIterator);

    [Fact]
    public async Task PlainIteratorWritingAFieldAcrossYieldReturn_IsRuledOutBeforeBinding()
        => Assert.False(await CandidateFilterKeepsAsync(Usings + PlainIterator));

    [Theory]
    [InlineData("async IAsyncEnumerable<int> ReadAllAsync() { var c = _count; yield return c; _count = c + 1; await Task.Yield(); }")]
    [InlineData("IEnumerable<Func<Task>> ReadAllAsync() { yield return async () => { var c = _count; await Task.Yield(); _count = c + 1; }; }")]
    [InlineData("void ReadAllAsync() { Func<Task> step = async () => { var c = _count; await Task.Yield(); _count = c + 1; }; }")]
    public async Task SuspensionInAnAsyncBody_IsKept(string method)
        => Assert.True(await CandidateFilterKeepsAsync(Usings + """
            class Counter
            {
                private int _count;

            """ + method + """

            }
            """));

    [Fact]
    public Task AsyncLambdaInAPlainLocalFunctionOfAPlainMethod_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                Func<Task> Step()
                {
                    return Make();

                    Func<Task> Make() => async () =>
                    {
                        var c = {|#1:_count|};
                        {|#2:await Task.Yield()|};
                        {|#0:_count = c + 1|};
                    };
                }
            }
            """, LostUpdate("_count", "await Task.Yield()"));

    /// <summary>
    /// A block that writes shared state elsewhere (so the candidate filter keeps it) and changes a private local
    /// across its awaits: <c>{0}</c> declares the local, <c>{1}</c> may pass it on, <c>{2}</c> reads it, <c>{3}</c> writes it.
    /// </summary>
    private static string PrivateLocalBesideASharedWrite(string declare, string passOn, string read, string write) => Usings + """
        class Reader
        {
            private static object? s_kept;
            private int _reads;

            static void Keep(object value) => s_kept = value;

            Task<bool> ReadAsync() => Task.FromResult(false);

            async Task ReadAllAsync()
            {
        """ + declare + passOn + """

                _reads = 0;
                var count = 
        """ + read + """
        ;
                {|#2:await ReadAsync()|};
        """ + write + """
        ;
            }
        }
        """;

    [Theory]
    [InlineData("var items = new List<int>();", "items.Count", "items.Add(count)")]
    [InlineData("List<int> items = [];", "items[0]", "items[0] = count")]
    [InlineData("var items = new int[4];", "items[0]", "items[1] = count")]
    [InlineData("var items = new int[4];", "items[0]", "items[1]++")]
    public async Task PrivateLocalChangedAcrossAwaitsBesideASharedWrite_IsRuledOutBeforeBinding(string declare, string read, string write)
    {
        var source = PrivateLocalBesideASharedWrite(declare, "", read, write).Replace("{|#2:", "").Replace("|}", "");
        await Verify.VerifyAnalyzerAsync(source);
        var (kept, privateLocals, overlap) = await FiltersAsync(source);
        Assert.True(kept);
        Assert.Equal(new[] { "items" }, privateLocals);
        Assert.Equal(NameOverlap.None, overlap);
    }

    [Theory]
    [InlineData("var items = new List<int>();", "items.Count", "{|#0:items.Add(count)|}", "items")]
    [InlineData("var items = new int[4];", "items[0]", "{|#0:items[0] = count|}", "items[0]")]
    public async Task PrivateLocalPassedOnBeforeTheAwait_Reports(string declare, string read, string write, string state)
    {
        var source = PrivateLocalBesideASharedWrite(declare, " Keep(items);", "{|#1:" + read + "|}", write);
        await Verify.VerifyAnalyzerAsync(source, LostUpdate(state, "await ReadAsync()"));
        var (kept, privateLocals, overlap) = await FiltersAsync(source.Replace("{|#0:", "").Replace("{|#1:", "").Replace("{|#2:", "").Replace("|}", ""));
        Assert.True(kept);
        Assert.Empty(privateLocals);
        Assert.Equal(NameOverlap.AcrossSuspension, overlap);
    }

    [Theory]
    [InlineData("Func<int> count = () => { var i = 0; i++; return i; };", false)]
    [InlineData("var i = 0; Func<int> count = () => { i++; return i; };", true)]
    [InlineData("var i = 0; var doubled = from key in new[] { 1 } select key * i; i = doubled.Count();", true)]
    public async Task LocalWrittenInAFunction_OverlapAnswer(string statements, bool mayBeShared)
    {
        var (kept, _, overlap) = await FiltersAsync(Usings + "using System.Linq;\n" + """
            class Loader
            {
                private int _total;

                Task<int> LoadAsync() => Task.FromResult(1);

                async Task ReadAllAsync()
                {
                    _total = 0;
                    var before = 0;
                    await LoadAsync();
            """ + statements + """

                    await LoadAsync();
                }
            }
            """);
        Assert.True(kept);
        Assert.Equal(mayBeShared, overlap != NameOverlap.None);
    }

    /// <summary>Both syntax filters' answers for the method named ReadAllAsync (the source must compile).</summary>
    private static async Task<(bool Kept, IReadOnlyCollection<string> PrivateLocals, NameOverlap Overlap)> FiltersAsync(string source)
    {
        var compilation = await AnalyzerRunner.CompileAsync(source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "ReadAllAsync");
        var symbol = (IMethodSymbol)model.GetDeclaredSymbol(method)!;
        var names = new CompilationNames(compilation);
        var scope = new MemberNameScope(method, symbol, model, names, CancellationToken.None);
        var kept = CandidateFilter.MayHoldLostUpdate(method, symbol.IsAsync, scope, out var locals);
        var overlap = SyntaxOverlapFilter.Judge(method, symbol, scope, locals, names, AwaitRaceAnalyzer.Infrastructure.AnalysisOptions.Default, CancellationToken.None);
        return (kept, locals.PrivateCollections, overlap);
    }

    /// <summary>The candidate filter's answer for the method named ReadAllAsync (the source must compile).</summary>
    private static async Task<bool> CandidateFilterKeepsAsync(string source)
        => (await FiltersAsync(source)).Kept;
}
