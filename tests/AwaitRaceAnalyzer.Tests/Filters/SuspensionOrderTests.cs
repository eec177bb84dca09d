using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Filters;

/// <summary>
/// The syntax pre-filter skips a block when no suspension point can run between a read of a written name and the
/// write. Paths that run against source order must still be reported: a loop's back edge (while, for's incrementor),
/// a goto, the head of an await foreach, and the disposal an await using declaration makes at the end of its block.
/// Debug builds (these tests) also run the analysis on every block the order rules out and fail on any finding there.
/// </summary>
public class SuspensionOrderTests
{
    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks; using System.Collections.Generic;\n";

    /// <summary>The write at #0, the stale read at #1, the suspension point at #2.</summary>
    private static DiagnosticResult LostUpdate(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    [Fact]
    public Task WriteBeforeTheReadInSourceButInALoop_TheBackEdgeCarriesTheStaleValue_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task PumpAsync(CancellationToken token)
                {
                    var current = 0;
                    while (!token.IsCancellationRequested)
                    {
                        {|#0:_count = current + 1|};
                        current = {|#1:_count|};
                        {|#2:await Task.Delay(1)|};
                    }
                }
            }
            """, LostUpdate("_count", "await Task.Delay(1)"));

    [Fact]
    public Task WriteInAForIncrementor_ReadInTheBody_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task PumpAsync()
                {
                    for (var current = 0; current < 10; {|#0:_count = current + 1|})
                    {
                        current = {|#1:_count|};
                        {|#2:await Task.Delay(1)|};
                    }
                }
            }
            """, LostUpdate("_count", "await Task.Delay(1)"));

    [Fact]
    public Task GotoBackToTheWrite_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task PumpAsync()
                {
                    var current = 0;
                again:
                    {|#0:_count = current + 1|};
                    current = {|#1:_count|};
                    {|#2:await Task.Delay(1)|};
                    if (current < 10)
                    {
                        goto again;
                    }
                }
            }
            """, LostUpdate("_count", "await Task.Delay(1)"));

    [Fact]
    public Task AwaitUsingDeclarationDisposesAtTheEndOfItsBlock_BetweenTheReadAndTheWrite_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task IncrementAsync(IAsyncDisposable resource)
                {
                    int current;
                    {
                        {|#2:await using var held = resource|};
                        current = {|#1:_count|};
                    }

                    {|#0:_count = current + 1|};
                }
            }
            """, LostUpdate("_count", "await using"));

    [Fact]
    public Task ReadBeforeAnAwaitForeachWriteInItsBody_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task AddAllAsync(IAsyncEnumerable<int> items)
                {
                    var current = {|#1:_count|};
                    {|#2:await foreach (var item in items)|}
                    {
                        {|#0:_count = current + item|};
                    }
                }
            }
            """, LostUpdate("_count", "await foreach"));

    [Fact]
    public Task EveryReadAfterTheLastWriteOrWithNoAwaitBetween_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;
                private int _seen;

                async Task<int> IncrementAsync()
                {
                    await Task.Delay(1);
                    _count = _count + 1;
                    _seen = _count;
                    await Task.Delay(1);
                    return _count + _seen;
                }
            }
            """);

    [Fact]
    public Task TypeWithAttributes_ItsMethodsAreStillAnalysedOnce_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            [System.Diagnostics.DebuggerDisplay("{_count}")]
            [Serializable]
            class Counter
            {
                private int _count;

                async Task IncrementAsync()
                {
                    var current = {|#1:_count|};
                    {|#2:await Task.Delay(1)|};
                    {|#0:_count = current + 1|};
                }
            }
            """, LostUpdate("_count", "await Task.Delay(1)"));

    [Fact]
    public Task AsyncLambdaInAPrimaryConstructorsBaseArguments_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Worker
            {
                public Worker(Func<Task> work) { }
            }

            class Counter(StrongBox<int> box) : Worker(async () =>
            {
                var current = {|#1:box.Value|};
                {|#2:await Task.Delay(1)|};
                {|#0:box.Value = current + 1|};
            })
            {
            }

            class StrongBox<T>
            {
                public T Value;
            }
            """, LostUpdate("box.Value", "await Task.Delay(1)"));
}
