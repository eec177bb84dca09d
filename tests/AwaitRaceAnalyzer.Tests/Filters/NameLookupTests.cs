using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Filters;

/// <summary>
/// What the syntax pre-filter looks up beyond the block, by name and without binding: the fields a trivial member of
/// any type in any file stands for, and the members a <c>using static</c> or <c>global using static</c> brings into
/// scope. Each case spans files or imports, so a lookup that missed them would drop a block the operation filter keeps
/// (Debug builds, these tests, throw then) and lose the report.
/// </summary>
public class NameLookupTests
{
    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks;\n";

    /// <summary>The write at #0, the stale read at #1, the suspension point at #2.</summary>
    private static DiagnosticResult LostUpdate(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    private static Task VerifyFilesAsync(string first, string second, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/First.cs", first));
        test.TestState.Sources.Add(("/Second.cs", second));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task ReadThroughATrivialPropertyDeclaredInAnotherFile_Reports()
        => VerifyFilesAsync(
            Usings + """
            partial class Store
            {
                private int _count;

                public int Count => _count;
            }
            """,
            Usings + """
            partial class Store
            {
                async Task AddAsync()
                {
                    var current = {|#1:Count|};
                    {|#2:await Task.Yield()|};
                    {|#0:_count = current + 1|};
                }
            }
            """,
            LostUpdate("_count", "await Task.Yield()"));

    [Fact]
    public Task ReadThroughATrivialGetterOfAPartOfTheTypeInAnotherFile_Reports()
        => VerifyFilesAsync(
            Usings + """
            partial class Store
            {
                private int _count;

                int GetCount()
                {
                    return _count;
                }
            }
            """,
            Usings + """
            partial class Store
            {
                async Task AddAsync()
                {
                    var current = {|#1:GetCount()|};
                    {|#2:await Task.Yield()|};
                    {|#0:_count = current + 1|};
                }
            }
            """,
            LostUpdate("_count", "await Task.Yield()"));

    [Fact]
    public Task StaticFieldImportedWithUsingStaticAndShadowedByALocalElsewhere_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            using static Counters;

            static class Counters
            {
                public static int Total;
            }

            class Worker
            {
                async Task RunAsync()
                {
                    {
                        var Total = 0;
                        Total++;
                    }

                    var current = {|#1:Total|};
                    {|#2:await Task.Yield()|};
                    {|#0:Total = current + 1|};
                }
            }
            """, LostUpdate("Total", "await Task.Yield()"));

    [Fact]
    public Task StaticFieldImportedWithGlobalUsingStaticInAnotherFile_Reports()
        => VerifyFilesAsync(
            "global using static Counters;\n" + Usings + """
            static class Counters
            {
                public static int Total;
            }
            """,
            Usings + """
            class Worker
            {
                async Task RunAsync()
                {
                    {
                        var Total = 0;
                        Total++;
                    }

                    var current = {|#1:Total|};
                    {|#2:await Task.Yield()|};
                    {|#0:Total = current + 1|};
                }
            }
            """,
            LostUpdate("Total", "await Task.Yield()"));

    [Fact]
    public Task StaticFieldImportedIntoTopLevelStatements_Reports()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """
                using static Counters;

                {
                    var Total = 0;
                    Total++;
                }

                var current = {|#1:Total|};
                {|#2:await Task.Yield()|};
                {|#0:Total = current + 1|};

                static class Counters
                {
                    public static int Total;
                }
                """,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(LostUpdate("Total", "await Task.Yield()"));
        return test.RunAsync();
    }

    [Fact]
    public Task PrimaryConstructorParameterShadowedByALocalElsewhere_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter(int start)
            {
                public async Task IncrementAsync()
                {
                    {
                        var start = 0;
                        start++;
                    }

                    var c = {|#1:start|};
                    {|#2:await Task.Yield()|};
                    {|#0:start = c + 1|};
                }
            }
            """, LostUpdate("start", "await Task.Yield()"));

    [Fact]
    public Task LocalNamedLikeAParameterOfAnOrdinaryConstructor_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _total;

                public Counter(int start)
                {
                    _total = start;
                }

                public async Task<int> IncrementAsync()
                {
                    var start = _total;
                    var c = start;
                    await Task.Yield();
                    start = c + 1;
                    return start;
                }
            }
            """);

    [Fact]
    public Task LocalOfTheSameNameAsAnImportedStatic_NoDiagnostic()
        => VerifyFilesAsync(
            "global using static Counters;\n" + Usings + """
            static class Counters
            {
                public static int Total;
            }
            """,
            Usings + """
            class Worker
            {
                async Task<int> RunAsync()
                {
                    var Total = 0;
                    var current = Total;
                    await Task.Yield();
                    Total = current + 1;
                    return Total;
                }
            }
            """);
}
