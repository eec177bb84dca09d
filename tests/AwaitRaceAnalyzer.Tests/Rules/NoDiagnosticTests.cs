using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>Shapes that look like a lost update but are not one: every test expects no diagnostic.</summary>
public class NoDiagnosticTests
{
    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks; using System.Collections.Generic;\n";

    [Fact]
    public Task ReadAfterTheAwaitInSameExpression_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Totals
            {
                private int _total;
                Task<int> GetAsync() => Task.FromResult(1);
                async Task AddAsync() { _total = await GetAsync() + _total; }
            }
            """);

    [Fact]
    public Task AwaitedValueAddedAfterwards_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Totals
            {
                private int _total;
                Task<int> F() => Task.FromResult(1);
                async Task AddAsync()
                {
                    var v = await F();
                    _total += v;
                }
            }
            """);

    [Fact]
    public Task WriteDoesNotDependOnStaleRead_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;
                Task F() => Task.CompletedTask;
                async Task ResetAsync()
                {
                    var c = _count;
                    Console.WriteLine(c);
                    await F();
                    _count = 5;
                }
            }
            """);

    [Fact]
    public Task StaleLocalReplacedByFreshRead_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;
                async Task IncrementAsync()
                {
                    var c = _count;
                    await Task.Delay(1);
                    c = _count;
                    _count = c + 1;
                }
            }
            """);

    [Fact]
    public Task ReadWriteThenAwaitInLoop_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;
                async Task PumpAsync(int n)
                {
                    for (var i = 0; i < n; i++)
                    {
                        var c = _count;
                        _count = c + 1;
                        await Task.Delay(1);
                    }
                }
            }
            """);

    [Fact]
    public Task UncapturedLocalsAndParameters_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Math2
            {
                async Task<int> SumAsync(int p)
                {
                    var c = p;
                    await Task.Delay(1);
                    p = c + 1;
                    var local = 0;
                    var d = local;
                    await Task.Delay(1);
                    local = d + p;
                    return local;
                }
            }
            """);

    [Fact]
    public Task ObjectCreatedInMethodNotEscaped_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Box { public int V; }
            class Builder
            {
                async Task<int> BuildAsync()
                {
                    var box = new Box();
                    var c = box.V;
                    await Task.Delay(1);
                    box.V = c + 1;
                    return box.V;
                }
            }
            """);

    [Fact]
    public Task ArrayLengthIsNotContents_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Buffer
            {
                private readonly int[] _slots = new int[8];
                async Task FillAsync()
                {
                    var size = _slots.Length;
                    await Task.Delay(1);
                    _slots[0] = size;
                }
            }
            """);

    [Fact]
    public Task ReadAndWriteUnderSemaphoreSlim_NoDiagnostic()
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
                        var c = _count;
                        await Task.Delay(1);
                        _count = c + 1;
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            }
            """);

    [Fact]
    public Task ReadAndWriteUnderStaticSemaphoreWithTimeoutAndToken_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            static class Counter
            {
                private static readonly SemaphoreSlim s_gate = new SemaphoreSlim(1, 1);
                private static int s_count;
                static async Task IncrementAsync(CancellationToken token)
                {
                    await s_gate.WaitAsync(TimeSpan.FromSeconds(1), token).ConfigureAwait(false);
                    try
                    {
                        var c = s_count;
                        await Task.Delay(1, token).ConfigureAwait(false);
                        s_count = c + 1;
                    }
                    finally
                    {
                        s_gate.Release();
                    }
                }
            }
            """);

    [Fact]
    public Task UsingAwaitedLockHandle_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class AsyncLock { public Task<IDisposable> LockAsync() => Task.FromResult<IDisposable>(null!); }
            class Counter
            {
                private readonly AsyncLock _lock = new AsyncLock();
                private int _count;
                async Task IncrementAsync()
                {
                    using (await _lock.LockAsync())
                    {
                        var c = _count;
                        await Task.Delay(1);
                        _count = c + 1;
                    }
                }
            }
            """);

    [Fact]
    public Task UsingDeclarationOfAwaitedLockHandle_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            sealed class Releaser : IDisposable { public void Dispose() { } }
            class AsyncLock { public ValueTask<Releaser> AcquireAsync() => new ValueTask<Releaser>(new Releaser()); }
            class Counter
            {
                private readonly AsyncLock _lock = new AsyncLock();
                private int _count;
                async Task IncrementAsync()
                {
                    using var _ = await _lock.AcquireAsync().ConfigureAwait(false);
                    var c = _count;
                    await Task.Delay(1);
                    _count = c + 1;
                }
            }
            """);

    [Fact]
    public Task InterlockedUpdates_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;
                private long _total;
                async Task IncrementAsync()
                {
                    await Task.Delay(1);
                    Interlocked.Increment(ref _count);
                    var now = Interlocked.Add(ref _total, 5);
                    await Task.Delay(1);
                    Interlocked.Exchange(ref _total, now * 2);
                    Interlocked.CompareExchange(ref _count, 0, 10);
                }
            }
            """);

    [Fact]
    public Task AsyncLocalValue_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Context
            {
                private readonly AsyncLocal<int> _depth = new AsyncLocal<int>();
                async Task EnterAsync()
                {
                    var d = _depth.Value;
                    await Task.Delay(1);
                    _depth.Value = d + 1;
                }
            }
            """);

    [Fact]
    public Task ReadonlyFieldFeedsOtherState_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private readonly int _step = 1;
                private int _count;
                async Task StepAsync()
                {
                    var s = _step;
                    await Task.Delay(1);
                    _count = s;
                }
            }
            """);

    [Fact]
    public Task MethodWithoutSuspensionPoint_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;
                void Increment()
                {
                    var c = _count;
                    Thread.Sleep(1);
                    _count = c + 1;
                }
                async Task IncrementAsync()
                {
                    var c = _count;
                    _count = c + 1;
                    await Task.CompletedTask;
                }
            }
            """);

    [Fact]
    public Task AsyncMethodOfStruct_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            struct Cursor
            {
                private int _position;
                public async Task<int> AdvanceAsync()
                {
                    var p = _position;
                    await Task.Yield();
                    _position = p + 1;
                    return _position;
                }
            }
            """);

    [Fact]
    public Task AwaitOnlyInsideNestedLambda_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;
                Task IncrementLater()
                {
                    var c = _count;
                    Func<Task> later = async () => await Task.Delay(1);
                    _count = c + 1;
                    return later();
                }
            }
            """);

    [Fact]
    public Task GeneratedCode_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
            class Counter
            {
                private int _count;
                async Task IncrementAsync()
                {
                    var current = _count;
                    await Task.Delay(1);
                    _count = current + 1;
                }
            }
            """);
}
