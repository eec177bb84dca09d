using AwaitRaceAnalyzer.Filters;
using AwaitRaceAnalyzer.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Filters;

/// <summary>
/// A compilation whose sources hold neither <c>async</c> nor <c>await</c> can hold no async body, and gets no code
/// block action; one word anywhere, in any file, keeps the analysis on.
/// </summary>
public class AsyncSourceTests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.Threading.Tasks;\n";

    private const string SynchronousCode = """
        class Counter
        {
            private int _count;

            IEnumerable<int> Counts()
            {
                var c = _count;
                yield return c;
                _count = c + 1;
            }

            Task<int> NextAsync() => Task.FromResult(_count++);
        }
        """;

    [Fact]
    public async Task CompilationWithoutAsyncOrAwait_HoldsNoAsyncBody()
        => Assert.False(AsyncSource.MayOccurIn(await AnalyzerRunner.CompileAsync(Usings + SynchronousCode), CancellationToken.None));

    [Theory]
    [InlineData("class Step { async Task RunAsync() { } }", OutputKind.DynamicallyLinkedLibrary)]
    [InlineData("await Task.Yield();", OutputKind.ConsoleApplication)]
    public async Task EitherWordInAnyFile_MayHoldAnAsyncBody(string code, OutputKind kind)
    {
        var compilation = await AnalyzerRunner.CompileAsync(Usings + SynchronousCode, kind);
        compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Usings + code, new CSharpParseOptions(LanguageVersion.Latest), path: "Second.cs"));
        Assert.True(AsyncSource.MayOccurIn(compilation, CancellationToken.None));
    }

    [Fact]
    public async Task TreeWhoseTextIsNotLoaded_MayHoldAnAsyncBody()
    {
        var compilation = await AnalyzerRunner.CompileAsync(Usings + SynchronousCode);
        var unloaded = CSharpSyntaxTree.Create((CSharpSyntaxNode)CSharpSyntaxTree.ParseText("class Other { }").GetRoot());
        Assert.False(unloaded.TryGetText(out _));
        Assert.True(AsyncSource.MayOccurIn(compilation.AddSyntaxTrees(unloaded), CancellationToken.None));
    }

    [Fact]
    public Task AwaitOnlyInTopLevelStatementsOfASecondFile_Reports()
    {
        var test = new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    Usings + SynchronousCode,
                    Usings + """
                        var current = {|#1:Totals.Total|};
                        {|#2:await Task.Yield()|};
                        {|#0:Totals.Total = current + 1|};

                        static class Totals
                        {
                            public static int Total;
                        }
                        """,
                },
                OutputKind = OutputKind.ConsoleApplication,
            },
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("Totals.Total", "await Task.Yield()", string.Empty));
        return test.RunAsync();
    }
}
