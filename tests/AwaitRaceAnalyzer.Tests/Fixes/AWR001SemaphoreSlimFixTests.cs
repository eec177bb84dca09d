using AwaitRaceAnalyzer.CodeFixes;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.CodeFixVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer, AwaitRaceAnalyzer.CodeFixes.LostUpdateCodeFixProvider>;

namespace AwaitRaceAnalyzer.Tests.Fixes;

/// <summary>"Protect with a SemaphoreSlim": exact fixed sources, which the harness also compiles.</summary>
public class AWR001SemaphoreSlimFixTests
{
    private const string Key = FixKinds.ProtectWithSemaphoreSlimKey;

    [Fact]
    public Task SeedLoop_WrapsReadAwaitWriteAndDeclaresGateBeforeState()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            public sealed class UnsafeCounter
            {
                private int _count;

                public async Task IncrementAsync()
                {
                    var current = _count;      // read shared state
                    await Task.Delay(1);       // other tasks run here
                    {|AWR001:_count = current + 1|};      // write back
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class UnsafeCounter
            {
                private readonly SemaphoreSlim _countGate = new SemaphoreSlim(1, 1);
                private int _count;

                public async Task IncrementAsync()
                {
                    await _countGate.WaitAsync();
                    try
                    {
                        var current = _count;      // read shared state
                        await Task.Delay(1);       // other tasks run here
                        _count = current + 1;      // write back
                    }
                    finally
                    {
                        _countGate.Release();
                    }
                }
            }
            """, Key);

    [Fact]
    public Task CompoundAssignment_WrapsTheOneStatement()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Totals
            {
                private int _total;

                Task<int> GetAsync() => Task.FromResult(1);

                async Task AddAsync()
                {
                    // add the next amount
                    {|AWR001:_total += await GetAsync()|};
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Totals
            {
                private readonly SemaphoreSlim _totalGate = new SemaphoreSlim(1, 1);
                private int _total;

                Task<int> GetAsync() => Task.FromResult(1);

                async Task AddAsync()
                {
                    // add the next amount
                    await _totalGate.WaitAsync();
                    try
                    {
                        _total += await GetAsync();
                    }
                    finally
                    {
                        _totalGate.Release();
                    }
                }
            }
            """, Key);

    [Fact]
    public Task Property_GetsAGateNamedAfterIt()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Counter
            {
                public int Count { get; set; }

                async Task IncrementAsync()
                {
                    var c = Count;
                    await Task.Yield();
                    {|AWR001:Count = c + 1|};
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private readonly SemaphoreSlim _countGate = new SemaphoreSlim(1, 1);

                public int Count { get; set; }

                async Task IncrementAsync()
                {
                    await _countGate.WaitAsync();
                    try
                    {
                        var c = Count;
                        await Task.Yield();
                        Count = c + 1;
                    }
                    finally
                    {
                        _countGate.Release();
                    }
                }
            }
            """, Key);

    [Fact]
    public Task StaticField_GetsAStaticGateInTheFieldsNamingStyle()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            static class Counter
            {
                private static int s_count;

                public static async Task IncrementAsync()
                {
                    var c = s_count;
                    await Task.Delay(1);
                    {|AWR001:s_count = c + 1|};
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            static class Counter
            {
                private static readonly SemaphoreSlim s_countGate = new SemaphoreSlim(1, 1);
                private static int s_count;

                public static async Task IncrementAsync()
                {
                    await s_countGate.WaitAsync();
                    try
                    {
                        var c = s_count;
                        await Task.Delay(1);
                        s_count = c + 1;
                    }
                    finally
                    {
                        s_countGate.Release();
                    }
                }
            }
            """, Key);

    [Fact]
    public Task CapturedLocal_DeclaresALocalGateNextToTheVariable()
        => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Program
            {
                static async Task<int> RunAsync()
                {
                    int n = 0;
                    Func<Task> increment = async () =>
                    {
                        var c = n;
                        await Task.Yield();
                        {|AWR001:n = c + 1|};
                    };
                    await Task.WhenAll(increment(), increment());
                    return n;
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Program
            {
                static async Task<int> RunAsync()
                {
                    int n = 0;
                    SemaphoreSlim nGate = new SemaphoreSlim(1, 1);
                    Func<Task> increment = async () =>
                    {
                        await nGate.WaitAsync();
                        try
                        {
                            var c = n;
                            await Task.Yield();
                            n = c + 1;
                        }
                        finally
                        {
                            nGate.Release();
                        }
                    };
                    await Task.WhenAll(increment(), increment());
                    return n;
                }
            }
            """, Key);

    [Fact]
    public Task AwaitInLoopBetweenReadAndWrite_WrapsFromReadToWrite()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private int _count;

                async Task IncrementAsync(int retries)
                {
                    var log = 0;
                    var c = _count;
                    for (var i = 0; i < retries; i++)
                    {
                        await Task.Delay(1);
                    }

                    {|AWR001:_count = c + 1|};
                    log++;
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private readonly SemaphoreSlim _countGate = new SemaphoreSlim(1, 1);
                private int _count;

                async Task IncrementAsync(int retries)
                {
                    var log = 0;
                    await _countGate.WaitAsync();
                    try
                    {
                        var c = _count;
                        for (var i = 0; i < retries; i++)
                        {
                            await Task.Delay(1);
                        }

                        _count = c + 1;
                    }
                    finally
                    {
                        _countGate.Release();
                    }

                    log++;
                }
            }
            """, Key);

    [Fact]
    public Task ReadInTryWriteAfterIt_WrapsTheWholeTry()
        => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private int _count;

                async Task IncrementAsync()
                {
                    int c = 0;
                    try
                    {
                        c = _count;
                        await Task.Delay(1);
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    {|AWR001:_count = c + 1|};
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private readonly SemaphoreSlim _countGate = new SemaphoreSlim(1, 1);
                private int _count;

                async Task IncrementAsync()
                {
                    int c = 0;
                    await _countGate.WaitAsync();
                    try
                    {
                        try
                        {
                            c = _count;
                            await Task.Delay(1);
                        }
                        catch (OperationCanceledException)
                        {
                        }

                        _count = c + 1;
                    }
                    finally
                    {
                        _countGate.Release();
                    }
                }
            }
            """, Key);

    [Fact]
    public Task LocalUsedAfterTheRange_IsHoisted()
        => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private int _count;

                async Task<int> IncrementAsync()
                {
                    var before = _count;
                    await Task.Delay(1);
                    {|AWR001:_count = before + 1|};
                    return before;
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private readonly SemaphoreSlim _countGate = new SemaphoreSlim(1, 1);
                private int _count;

                async Task<int> IncrementAsync()
                {
                    int before;
                    await _countGate.WaitAsync();
                    try
                    {
                        before = _count;
                        await Task.Delay(1);
                        _count = before + 1;
                    }
                    finally
                    {
                        _countGate.Release();
                    }

                    return before;
                }
            }
            """, Key);

    [Fact]
    public Task ExistingGateThatGuardsTheState_IsReused()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private readonly SemaphoreSlim _sync = new SemaphoreSlim(1, 1);
                private int _count;

                async Task ResetAsync()
                {
                    await _sync.WaitAsync();
                    try
                    {
                        _count = 0;
                    }
                    finally
                    {
                        _sync.Release();
                    }
                }

                async Task IncrementAsync()
                {
                    var c = _count;
                    await Task.Delay(1);
                    {|AWR001:_count = c + 1|};
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private readonly SemaphoreSlim _sync = new SemaphoreSlim(1, 1);
                private int _count;

                async Task ResetAsync()
                {
                    await _sync.WaitAsync();
                    try
                    {
                        _count = 0;
                    }
                    finally
                    {
                        _sync.Release();
                    }
                }

                async Task IncrementAsync()
                {
                    await _sync.WaitAsync();
                    try
                    {
                        var c = _count;
                        await Task.Delay(1);
                        _count = c + 1;
                    }
                    finally
                    {
                        _sync.Release();
                    }
                }
            }
            """, Key);

    [Fact]
    public Task CancellationTokenAndConfigureAwaitHabit_AreFollowed()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private long _count;

                async Task IncrementAsync(CancellationToken cancellationToken)
                {
                    var c = _count;
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                    {|AWR001:_count = c + 1|};
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private readonly SemaphoreSlim _countGate = new SemaphoreSlim(1, 1);
                private long _count;

                async Task IncrementAsync(CancellationToken cancellationToken)
                {
                    await _countGate.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        var c = _count;
                        await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                        _count = c + 1;
                    }
                    finally
                    {
                        _countGate.Release();
                    }
                }
            }
            """, Key);

    [Fact]
    public Task CheckThenAct_WrapsTheCheckAndTheWrite()
        => Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class Cache
            {
                private readonly Dictionary<string, int> _map = new Dictionary<string, int>();

                Task<int> LoadAsync(string k) => Task.FromResult(k.Length);

                async Task<int> GetAsync(string k)
                {
                    if (!_map.ContainsKey(k))
                    {
                        var v = await LoadAsync(k);
                        {|AWR002:_map[k] = v|};
                    }

                    return _map[k];
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class Cache
            {
                private readonly SemaphoreSlim _mapGate = new SemaphoreSlim(1, 1);
                private readonly Dictionary<string, int> _map = new Dictionary<string, int>();

                Task<int> LoadAsync(string k) => Task.FromResult(k.Length);

                async Task<int> GetAsync(string k)
                {
                    await _mapGate.WaitAsync();
                    try
                    {
                        if (!_map.ContainsKey(k))
                        {
                            var v = await LoadAsync(k);
                            _map[k] = v;
                        }
                    }
                    finally
                    {
                        _mapGate.Release();
                    }

                    return _map[k];
                }
            }
            """, Key);

    [Fact]
    public Task CoalesceAssignment_WrapsTheStatement()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Cache
            {
                private object? _cache;

                Task<object> LoadAsync() => Task.FromResult(new object());

                async Task WarmAsync()
                {
                    {|AWR003:_cache ??= await LoadAsync()|};
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Cache
            {
                private readonly SemaphoreSlim _cacheGate = new SemaphoreSlim(1, 1);
                private object? _cache;

                Task<object> LoadAsync() => Task.FromResult(new object());

                async Task WarmAsync()
                {
                    await _cacheGate.WaitAsync();
                    try
                    {
                        _cache ??= await LoadAsync();
                    }
                    finally
                    {
                        _cacheGate.Release();
                    }
                }
            }
            """, Key);

    [Fact]
    public Task ExpressionBodiedLambda_BecomesABlockBody()
        => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class Totals
            {
                private static int s_total;

                static Task<int> GetAsync() => Task.FromResult(1);

                static Task RunAsync()
                {
                    Func<Task> add = async () => {|AWR001:s_total += await GetAsync()|};
                    return add();
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Totals
            {
                private static readonly SemaphoreSlim s_totalGate = new SemaphoreSlim(1, 1);
                private static int s_total;

                static Task<int> GetAsync() => Task.FromResult(1);

                static Task RunAsync()
                {
                    Func<Task> add = async () =>
                    {
                        await s_totalGate.WaitAsync();
                        try
                        {
                            s_total += await GetAsync();
                        }
                        finally
                        {
                            s_totalGate.Release();
                        }
                    };
                    return add();
                }
            }
            """, Key);

    [Fact]
    public Task ExpressionBodiedMethodReturningTheValue_ReturnsItFromTheProtectedBlock()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Totals
            {
                private int _total;

                Task<int> GetAsync() => Task.FromResult(1);

                async Task<int> AddAsync() => {|AWR001:_total += await GetAsync()|}; // running total
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Totals
            {
                private readonly SemaphoreSlim _totalGate = new SemaphoreSlim(1, 1);
                private int _total;

                Task<int> GetAsync() => Task.FromResult(1);

                async Task<int> AddAsync()
                {
                    await _totalGate.WaitAsync();
                    try
                    {
                        return _total += await GetAsync();
                    }
                    finally
                    {
                        _totalGate.Release();
                    }
                } // running total
            }
            """, Key);

    [Fact]
    public Task UsingVariableDeclaredInRangeAndUsedAfter_IsNotOffered()
    {
        // A using variable cannot be declared before the gate without changing when it is disposed.
        const string Source = """
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private int _count;

                async Task<bool> IncrementAsync()
                {
                    var c = _count;
                    using var timeout = new CancellationTokenSource();
                    await Task.Delay(1, timeout.Token);
                    {|AWR001:_count = c + 1|};
                    return timeout.IsCancellationRequested;
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(Source, Source, Key);
    }

    [Fact]
    public Task StopwatchThrottle_WrapsTheTestTheWaitAndTheRestart()
        => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Diagnostics;
            using System.Threading.Tasks;

            public sealed class ApiClient
            {
                private readonly Stopwatch _sinceLast = Stopwatch.StartNew();

                public async Task<string> GetAsync(Func<Task<string>> send)
                {
                    if (_sinceLast.ElapsedMilliseconds < 1000)
                    {
                        // one request per second
                        await Task.Delay((int)(1000 - _sinceLast.ElapsedMilliseconds));
                    }

                    {|AWR001:_sinceLast.Restart()|};
                    return await send();
                }
            }
            """, """
            using System;
            using System.Diagnostics;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class ApiClient
            {
                private readonly SemaphoreSlim _sinceLastElapsedGate = new SemaphoreSlim(1, 1);
                private readonly Stopwatch _sinceLast = Stopwatch.StartNew();

                public async Task<string> GetAsync(Func<Task<string>> send)
                {
                    await _sinceLastElapsedGate.WaitAsync();
                    try
                    {
                        if (_sinceLast.ElapsedMilliseconds < 1000)
                        {
                            // one request per second
                            await Task.Delay((int)(1000 - _sinceLast.ElapsedMilliseconds));
                        }

                        _sinceLast.Restart();
                    }
                    finally
                    {
                        _sinceLastElapsedGate.Release();
                    }

                    return await send();
                }
            }
            """, Key);
}
