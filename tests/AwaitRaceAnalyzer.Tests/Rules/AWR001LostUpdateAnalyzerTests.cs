using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>AWR001: a write of shared state computed from a read taken before a suspension point.</summary>
public class AWR001LostUpdateAnalyzerTests
{
    /// <summary>The write at #0, the stale read at #1, the suspension point at #2.</summary>
    private static DiagnosticResult LostUpdate(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks; using System.Collections.Generic;\n";

    [Fact]
    public Task SeedLoop_InstanceField_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
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
    public Task DependenceThroughSeveralLocalsAndCalls_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task IncrementAsync()
                {
                    var current = {|#1:_count|};
                    var doubled = current * 2;
                    var clamped = Math.Max(doubled, 1);
                    {|#2:await Task.Delay(1)|};
                    {|#0:_count = Math.Max(clamped, 1) + 1|};
                }
            }
            """, LostUpdate("_count", "await Task.Delay(1)"));

    [Fact]
    public Task CompoundAssignmentWithAwaitedOperand_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Totals
            {
                private int _total;

                Task<int> GetAsync() => Task.FromResult(1);

                async Task AddAsync()
                {
                    {|#0:{|#1:_total|} += {|#2:await GetAsync()|}|};
                }
            }
            """, LostUpdate("_total", "await GetAsync()"));

    [Fact]
    public Task ReadInSameExpressionBeforeAwait_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Totals
            {
                private int _total;

                Task<int> GetAsync() => Task.FromResult(1);

                async Task AddAsync()
                {
                    {|#0:_total = {|#1:_total|} + {|#2:await GetAsync()|}|};
                }
            }
            """, LostUpdate("_total", "await GetAsync()"));

    [Fact]
    public Task StaticField_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            static class Counter
            {
                private static int s_count;

                static async Task IncrementAsync()
                {
                    var c = {|#1:s_count|};
                    {|#2:await Task.Yield()|};
                    {|#0:s_count = c + 1|};
                }
            }
            """, LostUpdate("s_count", "await Task.Yield()"));

    [Fact]
    public Task AutoProperty_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                public int Count { get; set; }

                async Task IncrementAsync()
                {
                    var c = {|#1:Count|};
                    {|#2:await Task.Delay(1)|};
                    {|#0:Count = c + 1|};
                }
            }
            """, LostUpdate("Count", "await Task.Delay(1)"));

    [Fact]
    public Task PropertyWithSetter_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;
                public int Count { get => _count; set => _count = value; }

                async Task IncrementAsync()
                {
                    var c = {|#1:Count|};
                    {|#2:await Task.Delay(1)|};
                    {|#0:Count = c + 1|};
                }
            }
            """, LostUpdate("Count", "await Task.Delay(1)"));

    [Fact]
    public Task FieldOfSharedObject_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Stats { public int Count; }

            class Service
            {
                private readonly Stats _stats = new Stats();

                async Task RecordAsync()
                {
                    var c = {|#1:_stats.Count|};
                    {|#2:await Task.Delay(1)|};
                    {|#0:_stats.Count = c + 1|};
                }
            }
            """, LostUpdate("_stats.Count", "await Task.Delay(1)"));

    [Fact]
    public Task PropertyOfParameterObject_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Account { public decimal Total { get; set; } }

            class Service
            {
                Task<decimal> FeeAsync() => Task.FromResult(1m);

                async Task ChargeAsync(Account other)
                {
                    var total = {|#1:other.Total|};
                    var fee = {|#2:await FeeAsync()|};
                    {|#0:other.Total = total - fee|};
                }
            }
            """, LostUpdate("other.Total", "await FeeAsync()"));

    [Fact]
    public Task ArrayElement_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Buckets
            {
                private readonly int[] _arr = new int[8];

                Task<int> F() => Task.FromResult(1);

                async Task AddAsync(int i)
                {
                    {|#0:_arr[i] = {|#1:_arr[i]|} + {|#2:await F()|}|};
                }
            }
            """, LostUpdate("_arr[i]", "await F()"));

    [Fact]
    public Task DictionaryIndexer_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Hits
            {
                private readonly Dictionary<string, int> _map = new Dictionary<string, int>();

                async Task HitAsync(string k)
                {
                    var v = {|#1:_map[k]|};
                    {|#2:await Task.Delay(1)|};
                    {|#0:_map[k] = v + 1|};
                }
            }
            """, LostUpdate("_map[k]", "await Task.Delay(1)"));

    [Fact]
    public Task CapturedLocalInAsyncLambda_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Program
            {
                static Task RunAsync()
                {
                    int n = 0;
                    Func<Task> increment = async () =>
                    {
                        var c = {|#1:n|};
                        {|#2:await Task.Yield()|};
                        {|#0:n = c + 1|};
                    };
                    return Task.WhenAll(increment(), increment());
                }
            }
            """, LostUpdate("n", "await Task.Yield()"));

    [Fact]
    public Task CapturedParameterInAsyncLocalFunction_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Program
            {
                static Task RunAsync(int total)
                {
                    return Task.WhenAll(AddAsync(), AddAsync());

                    async Task AddAsync()
                    {
                        var t = {|#1:total|};
                        {|#2:await Task.Delay(1)|};
                        {|#0:total = t + 1|};
                    }
                }
            }
            """, LostUpdate("total", "await Task.Delay(1)"));

    [Fact]
    public Task AsyncLambdaInFieldInitializer_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private static int s_count;
                private static readonly Func<Task> Increment = async () =>
                {
                    var c = {|#1:s_count|};
                    {|#2:await Task.Yield()|};
                    {|#0:s_count = c + 1|};
                };
            }
            """, LostUpdate("s_count", "await Task.Yield()"));

    [Fact]
    public Task AsyncLambdaInConstructorAndExpressionBodiedProperty_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                public int Count { get; set; }

                public Func<Task> Increment => async () =>
                {
                    var c = {|#1:Count|};
                    {|#2:await Task.Yield()|};
                    {|#0:Count = c + 1|};
                };

                public Counter()
                {
                    Func<Task> twice = async () =>
                    {
                        var c = {|#4:Count|};
                        {|#5:await Task.Delay(1)|};
                        {|#3:Count = c + 2|};
                    };
                }
            }
            """,
            LostUpdate("Count", "await Task.Yield()"),
            Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(3).WithLocation(4).WithLocation(5).WithArguments("Count", "await Task.Delay(1)", string.Empty));

    [Fact]
    public Task PrimaryConstructorParameterUsedAsState_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter(int start)
            {
                public async Task IncrementAsync()
                {
                    var c = {|#1:start|};
                    {|#2:await Task.Yield()|};
                    {|#0:start = c + 1|};
                }
            }
            """, LostUpdate("start", "await Task.Yield()"));

    [Fact]
    public Task WriteInsideReturnedExpression_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Totals
            {
                private int _total;

                Task<int> GetAsync() => Task.FromResult(1);

                async Task<int> AddAsync() => {|#0:_total = {|#1:_total|} + {|#2:await GetAsync()|}|};
            }
            """, LostUpdate("_total", "await GetAsync()"));

    [Fact]
    public Task AwaitInOneBranchOfIf_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task IncrementAsync(bool slow)
                {
                    var c = {|#1:_count|};
                    if (slow)
                    {
                        {|#2:await Task.Delay(1)|};
                    }

                    {|#0:_count = c + 1|};
                }
            }
            """, LostUpdate("_count", "await Task.Delay(1)"));

    [Fact]
    public Task AwaitInLoopBeforeWrite_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task IncrementAsync(int retries)
                {
                    var c = {|#1:_count|};
                    for (var i = 0; i < retries; i++)
                    {
                        {|#2:await Task.Delay(1)|};
                    }

                    {|#0:_count = c + 1|};
                }
            }
            """, LostUpdate("_count", "await Task.Delay(1)"));

    [Fact]
    public Task ReadAtLoopBottomWrittenAtNextIteration_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task PumpAsync()
                {
                    var c = 0;
                    while (true)
                    {
                        {|#0:_count = c + 1|};
                        c = {|#1:_count|};
                        {|#2:await Task.Delay(1)|};
                    }
                }
            }
            """, LostUpdate("_count", "await Task.Delay(1)"));

    [Fact]
    public Task AwaitInTry_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task IncrementAsync()
                {
                    var c = {|#1:_count|};
                    try
                    {
                        {|#2:await Task.Delay(1)|};
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    {|#0:_count = c + 1|};
                }
            }
            """, LostUpdate("_count", "await Task.Delay(1)"));

    [Fact]
    public Task AwaitInSwitchSection_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task IncrementAsync(int mode)
                {
                    var c = {|#1:_count|};
                    switch (mode)
                    {
                        case 1:
                            {|#2:await Task.Delay(1)|};
                            break;
                        default:
                            break;
                    }

                    {|#0:_count = c + 1|};
                }
            }
            """, LostUpdate("_count", "await Task.Delay(1)"));

    [Fact]
    public Task AwaitForeach_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task AddAllAsync(IAsyncEnumerable<int> items)
                {
                    var c = {|#1:_count|};
                    {|#2:await foreach (var item in items)|}
                    {
                        c += item;
                    }

                    {|#0:_count = c|};
                }
            }
            """, LostUpdate("_count", "await foreach"));

    [Fact]
    public Task AwaitUsing_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task IncrementAsync(IAsyncDisposable resource)
                {
                    var c = {|#1:_count|};
                    {|#2:await using (resource)|}
                    {
                    }

                    {|#0:_count = c + 1|};
                }
            }
            """, LostUpdate("_count", "await using"));

    [Fact]
    public Task YieldReturnInAsyncIterator_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async IAsyncEnumerable<int> CountAsync()
                {
                    var c = {|#1:_count|};
                    {|#2:yield return c;|}
                    {|#0:_count = c + 1|};
                    await Task.Yield();
                }
            }
            """, LostUpdate("_count", "yield return"));

    [Fact]
    public Task ValueTaskAndIncrementOfStaleCopy_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private long _count;

                ValueTask<int> StepAsync() => new ValueTask<int>(1);

                async ValueTask IncrementAsync()
                {
                    var c = {|#1:_count|};
                    c += {|#2:await StepAsync()|};
                    {|#0:_count = c|};
                }
            }
            """, LostUpdate("_count", "await StepAsync()"));

    [Fact]
    public Task ReadInOneLockWriteInAnother_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private readonly object _sync = new object();
                private int _count;

                async Task IncrementAsync()
                {
                    int c;
                    lock (_sync)
                    {
                        c = {|#1:_count|};
                    }

                    {|#2:await Task.Delay(1)|};
                    lock (_sync)
                    {
                        {|#0:_count = c + 1|};
                    }
                }
            }
            """, LostUpdate("_count", "await Task.Delay(1)"));

    [Fact]
    public Task ReadBeforeSemaphoreAcquired_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private int _count;

                async Task IncrementAsync()
                {
                    var c = {|#1:_count|};
                    {|#2:await _gate.WaitAsync()|};
                    try
                    {
                        {|#0:_count = c + 1|};
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            }
            """, LostUpdate("_count", "await _gate.WaitAsync()"));

    [Fact]
    public Task AfterSemaphoreReleased_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private int _count;

                async Task IncrementAsync()
                {
                    await _gate.WaitAsync();
                    try
                    {
                        _count++;
                    }
                    finally
                    {
                        _gate.Release();
                    }

                    var c = {|#1:_count|};
                    {|#2:await Task.Delay(1)|};
                    {|#0:_count = c + 1|};
                }
            }
            """, LostUpdate("_count", "await Task.Delay(1)"));

    [Fact]
    public Task AliasLocalOfSharedObject_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Stats { public int Count; }

            class Service
            {
                private Stats _stats = new Stats();

                async Task RecordAsync()
                {
                    var stats = _stats;
                    var c = {|#1:stats.Count|};
                    {|#2:await Task.Delay(1)|};
                    {|#0:stats.Count = c + 1|};
                }
            }
            """, LostUpdate("stats.Count", "await Task.Delay(1)"));

    [Fact]
    public Task IncrementOfStaleLocalWrittenBack_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task IncrementAsync()
                {
                    var c = {|#1:_count|};
                    {|#2:await Task.Delay(1)|};
                    c++;
                    {|#0:_count = c|};
                }
            }
            """, LostUpdate("_count", "await Task.Delay(1)"));

    [Fact]
    public Task TryGetValueOutVariable_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Hits
            {
                private readonly Dictionary<string, int> _map = new Dictionary<string, int>();

                async Task HitAsync(string k)
                {
                    if ({|#1:_map.TryGetValue(k, out var v)|})
                    {
                        {|#2:await Task.Delay(1)|};
                        {|#0:_map[k] = v + 1|};
                    }
                }
            }
            """, LostUpdate("_map[k]", "await Task.Delay(1)"));

    [Fact]
    public Task DeconstructedStaleValues_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Range
            {
                private int _low;
                private int _high;

                async Task WidenAsync()
                {
                    var (low, high) = ({|#1:_low|}, _high);
                    {|#2:await Task.Delay(1)|};
                    {|#0:_low = low - 1|};
                }
            }
            """, LostUpdate("_low", "await Task.Delay(1)"));

    [Fact]
    public Task VolatileReadIsStillAReadThatGoesStale_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task IncrementAsync()
                {
                    var c = Volatile.Read(ref {|#1:_count|});
                    {|#2:await Task.Delay(1)|};
                    {|#0:_count = c + 1|};
                }
            }
            """, LostUpdate("_count", "await Task.Delay(1)"));

    [Fact]
    public Task DictionaryAddFromStaleCount_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Registry
            {
                private readonly Dictionary<int, string> _byId = new Dictionary<int, string>();

                Task<string> NameAsync() => Task.FromResult("x");

                async Task RegisterAsync()
                {
                    var id = {|#1:_byId.Count|};
                    var name = {|#2:await NameAsync()|};
                    {|#0:_byId.Add(id, name)|};
                }
            }
            """, LostUpdate("_byId", "await NameAsync()"));

    [Fact]
    public Task SeedLoopOnNetStandard20_Reports()
    {
        // The symbol lookups (SemaphoreSlim, Interlocked, IAsyncDisposable missing) also work on older frameworks.
        var test = new Verify.Test
        {
            ReferenceAssemblies = ReferenceAssemblies.NetStandard.NetStandard20,
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;
                class Counter
                {
                    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                    private int _count;
                    private int _safe;
                    async Task IncrementAsync()
                    {
                        var current = {|#1:_count|};
                        {|#2:await Task.Delay(1)|};
                        {|#0:_count = current + 1|};
                        await _gate.WaitAsync();
                        try
                        {
                            var s = _safe;
                            await Task.Delay(1);
                            _safe = s + 1;
                        }
                        finally
                        {
                            _gate.Release();
                        }
                    }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("_count", "await Task.Delay(1)", string.Empty));
        return test.RunAsync();
    }
}

/// <summary>AWR001 on code that does not compile yet, as it looks while being typed.</summary>
public class AWR001IncompleteCodeTests
{
    [Fact]
    public Task UnresolvedCallElsewhere_StillReports()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                class Counter
                {
                    private int _count;
                    async Task IncrementAsync()
                    {
                        var current = {|#1:_count|};
                        {|#2:await Task.Delay(1)|};
                        {|#0:_count = current + 1|};
                        {|CS0103:NotWrittenYet|}();
                    }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("_count", "await Task.Delay(1)", string.Empty));
        return test.RunAsync();
    }

    [Fact]
    public Task HalfTypedStatements_ReportsWithoutCrashing()
    {
        // Error recovery keeps the read, the await and the assignment; an analyzer exception would fail as AD0001.
        var test = new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                class Counter
                {
                    private int _count;
                    async Task IncrementAsync()
                    {
                        var current = _count;
                        await )
                        _count = current + ;
                    }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS1002").WithSpan(8, 15, 8, 16));
        test.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS1513").WithSpan(8, 15, 8, 16));
        test.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS1525").WithSpan(8, 15, 8, 16).WithArguments(")"));
        test.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS1525").WithSpan(9, 28, 9, 29).WithArguments(";"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.LostUpdate)
            .WithSpan(9, 9, 9, 28).WithSpan(7, 23, 7, 29).WithSpan(8, 9, 8, 15)
            .WithArguments("_count", "await", string.Empty));
        return test.RunAsync();
    }
}
