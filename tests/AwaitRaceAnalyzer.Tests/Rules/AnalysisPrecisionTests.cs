using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// The mechanisms behind reports on real code that were errors of the analysis (no stale value reaches the write, or
/// the state is not shared): each silent shape next to the nearby variant that must still be reported.
/// </summary>
public class AnalysisPrecisionTests
{
    private const string Usings = "using System; using System.IO; using System.Threading; using System.Threading.Tasks; using System.Collections.Generic; using System.Collections.Concurrent; using System.Linq;\n";

    /// <summary>The write at #0, the stale read at #1, the suspension point at #2.</summary>
    private static DiagnosticResult LostUpdate(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    /// <summary>The write at #0, the stale test at #1, the suspension point at #2.</summary>
    private static DiagnosticResult LazyInitialization(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.LazyInitialization).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    /// <summary>The write at #0, the stale test at #1, the suspension point at #2.</summary>
    private static DiagnosticResult CheckThenAct(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    /// <summary>The same shape where the code shows no sign of concurrent use: AWR102, the same locations.</summary>
    private static DiagnosticResult Advisory(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    // 1. Tests carried over a loop's back edge.

    [Fact]
    public Task TestAtTheEndOfAnIteration_DoesNotGuardTheNextIterationsWrite_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Receiver
            {
                private int _received;

                Task<int> ReceiveAsync() => Task.FromResult(0);

                Task ProcessAsync() => Task.CompletedTask;

                async Task PumpAsync()
                {
                    while (true)
                    {
                        _received = await ReceiveAsync();
                        if (_received == 0)
                        {
                            break;
                        }

                        await ProcessAsync();
                    }
                }
            }
            """);

    [Fact]
    public Task LoopConditionOnAnAwaitedCount_CompoundWriteInTheBody_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Receiver
            {
                private readonly byte[] _buffer = new byte[1024];
                private int _filled;

                Task<int> ReceiveAsync(byte[] buffer, int offset) => Task.FromResult(0);

                async Task FillAsync()
                {
                    int n;
                    while ((n = await ReceiveAsync(_buffer, _filled)) > 0)
                    {
                        _filled += n;
                    }
                }
            }
            """);

    [Fact]
    public Task TestAndWriteInTheSameIterationOfALoop_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Starter
            {
                private int _state;

                Task StartAsync() => Task.CompletedTask;

                async Task RunAsync()
                {
                    while (true)
                    {
                        if ({|#1:_state|} == 0)
                        {
                            {|#2:await StartAsync()|};
                            {|#0:_state = 1|};
                        }

                        await Task.Delay(10);
                    }
                }
            }
            """, Advisory("_state", "await StartAsync()"));

    [Fact]
    public Task FreshTestInALoopWithAwaits_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Starter
            {
                private int _state;

                Task<int> ReceiveAsync() => Task.FromResult(0);

                async Task RunAsync()
                {
                    while (await ReceiveAsync() > 0)
                    {
                        if (_state == 0)
                        {
                            _state = 1;
                        }

                        await Task.Delay(10);
                    }
                }
            }
            """);

    // 2. Guards leaking through catch handlers.

    [Fact]
    public Task WriteAfterTryCatch_DoesNotInheritATestFromInsideTheTry_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Session
            {
                private string? _token;

                Task LogAsync() => Task.CompletedTask;

                async Task RefreshAsync()
                {
                    try
                    {
                        if (_token == null)
                        {
                            await LogAsync();
                        }

                        await LogAsync();
                    }
                    catch (IOException)
                    {
                        await LogAsync();
                    }

                    _token = "fresh";
                }
            }
            """);

    [Fact]
    public Task WriteControlledByATestInsideARetryLoop_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Session
            {
                private string? _token;

                Task LogAsync() => Task.CompletedTask;

                async Task RefreshAsync()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            if ({|#1:_token|} == null)
                            {
                                {|#2:await LogAsync()|};
                                {|#0:_token = "fresh"|};
                            }

                            return;
                        }
                        catch (IOException)
                        {
                        }
                    }
                }
            }
            """, Advisory("_token", "await LogAsync()"));

    // 3. Objects and collections created in the method.

    [Fact]
    public Task DictionaryCreatedInTheMethod_UsedThroughItsOwnMembersAndReturned_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Aggregator
            {
                Task<int> LoadAsync(string key) => Task.FromResult(1);

                async Task<Dictionary<string, int>> BuildAsync(string[] keys)
                {
                    var totals = new Dictionary<string, int>();
                    var tasks = new List<Task>();
                    foreach (var key in keys)
                    {
                        if (!totals.TryGetValue(key, out var current))
                        {
                            current = await LoadAsync(key);
                            totals[key] = current;
                        }

                        tasks.Add(Task.Delay(1));
                    }

                    await Task.WhenAll(tasks);
                    return totals;
                }
            }
            """);

    [Fact]
    public Task DictionaryStoredInAFieldBeforeTheWrite_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Aggregator
            {
                private Dictionary<string, int>? _last;

                Task<int> LoadAsync(string key) => Task.FromResult(1);

                async Task BuildAsync(string[] keys)
                {
                    var totals = new Dictionary<string, int>();
                    _last = totals;
                    foreach (var key in keys)
                    {
                        if (!{|#1:totals.ContainsKey(key)|})
                        {
                            var current = {|#2:await LoadAsync(key)|};
                            {|#0:totals.Add(key, current)|};
                        }
                    }
                }
            }
            """, Advisory("totals", "await LoadAsync(key)"));

    // 4. Locals scoped to a loop body, captured only after they are written.

    [Fact]
    public Task LoopBodyLocalCapturedAfterItsWrites_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Poller
            {
                private readonly List<Func<int>> _readers = new();

                Task<int> ReadAsync() => Task.FromResult(1);

                async Task PollAsync(int rounds)
                {
                    for (var i = 0; i < rounds; i++)
                    {
                        var value = await ReadAsync();
                        value = value + await ReadAsync();
                        _readers.Add(() => value);
                    }
                }
            }
            """);

    [Fact]
    public Task LocalCapturedOnlyByLambdasThatReadIt_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Poller
            {
                private readonly List<Func<int>> _readers = new();

                Task<int> ReadAsync() => Task.FromResult(1);

                async Task PollAsync(int rounds)
                {
                    var value = 0;
                    for (var i = 0; i < rounds; i++)
                    {
                        value = value + await ReadAsync();
                        _readers.Add(() => value);
                    }
                }
            }
            """);

    [Fact]
    public Task LocalDeclaredOutsideTheLoopAndWrittenByALambdaCreatedInIt_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Poller
            {
                private readonly List<Func<int>> _resetters = new();

                Task<int> ReadAsync() => Task.FromResult(1);

                async Task PollAsync(int rounds)
                {
                    var value = 0;
                    for (var i = 0; i < rounds; i++)
                    {
                        {|#0:value = {|#1:value|} + {|#2:await ReadAsync()|}|};
                        _resetters.Add(() => value = 0);
                    }
                }
            }
            """, LostUpdate("value", "await ReadAsync()"));

    // 5. A stale value that only reaches an awaited call's argument, when the write re-reads the state.

    [Fact]
    public Task StaleReadOnlyAsAnArgument_CompoundWriteReReads_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Receiver
            {
                private readonly byte[] _buffer = new byte[1024];
                private int _filled;

                Task<int> ReceiveAsync(byte[] buffer, int offset) => Task.FromResult(0);

                async Task ReceiveOnceAsync()
                {
                    var n = await ReceiveAsync(_buffer, _filled);
                    _filled += n;
                }
            }
            """);

    [Fact]
    public Task ResultOfACallOnTheStaleValueReplacesTheState_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Document
            {
                private string _text = "";

                Task<string> TransformAsync(string text) => Task.FromResult(text);

                async Task NormaliseAsync()
                {
                    {|#0:_text = {|#2:await TransformAsync({|#1:_text|})|}|};
                }
            }
            """, LostUpdate("_text", "await TransformAsync(_text)"));

    [Fact]
    public Task StaleReadOnlyAsAnArgument_WriteReReadsTheStateAfterTheAwait_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class SocketReader
            {
                private Memory<byte> _available = new byte[4096];

                Task<int> ReceiveAsync(Memory<byte> buffer) => Task.FromResult(buffer.Length / 2);

                async Task ReadAsync()
                {
                    var read = await ReceiveAsync(_available);
                    _available = _available.Slice(read);
                }
            }
            """);

    [Fact]
    public Task StaleReadOnlyAsAnArgument_WriteUsesTheValueReadBeforeTheAwait_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class SocketReader
            {
                private Memory<byte> _available = new byte[4096];

                Task<int> ReceiveAsync(Memory<byte> buffer) => Task.FromResult(buffer.Length / 2);

                async Task ReadAsync()
                {
                    var current = {|#1:_available|};
                    var read = {|#2:await ReceiveAsync(current)|};
                    {|#0:_available = current.Slice(read)|};
                }
            }
            """, LostUpdate("_available", "await ReceiveAsync(current)"));

    // 6. Compare-and-swap retry loops.

    [Fact]
    public Task TryUpdateRetryLoop_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counters
            {
                private readonly ConcurrentDictionary<string, int> _counts = new();

                Task<int> ComputeAsync(int current) => Task.FromResult(current + 1);

                async Task BumpAsync(string key)
                {
                    while (true)
                    {
                        _counts.TryGetValue(key, out var current);
                        var next = await ComputeAsync(current);
                        if (_counts.TryUpdate(key, next, current))
                        {
                            return;
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task InterlockedCompareExchangeRetryLoop_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _value;

                Task<int> ComputeAsync(int current) => Task.FromResult(current + 1);

                async Task BumpAsync()
                {
                    while (true)
                    {
                        var current = Volatile.Read(ref _value);
                        var next = await ComputeAsync(current);
                        if (Interlocked.CompareExchange(ref _value, next, current) == current)
                        {
                            return;
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task PlainIndexerWriteOfAValueComputedFromAStaleRead_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counters
            {
                private readonly ConcurrentDictionary<string, int> _counts = new();

                Task<int> ComputeAsync(int current) => Task.FromResult(current + 1);

                async Task BumpAsync(string key)
                {
                    {|#1:_counts.TryGetValue(key, out var current)|};
                    var next = {|#2:await ComputeAsync(current)|};
                    {|#0:_counts[key] = next|};
                }
            }
            """, LostUpdate("_counts[key]", "await ComputeAsync(current)"));

    // 7. Double-checked initialisation under a lock with more work inside.

    [Fact]
    public Task DoubleCheckedUnderATimedWaitWithMoreAwaitsInside_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Loader
            {
                private readonly SemaphoreSlim _gate = new(1, 1);
                private object? _value;

                Task<object> LoadAsync() => Task.FromResult(new object());

                Task WarmAsync() => Task.CompletedTask;

                async Task<object?> GetAsync()
                {
                    if (_value == null)
                    {
                        if (!await _gate.WaitAsync(TimeSpan.FromSeconds(5)))
                        {
                            throw new TimeoutException();
                        }

                        try
                        {
                            if (_value == null)
                            {
                                var loaded = await LoadAsync();
                                await WarmAsync();
                                _value = loaded;
                            }
                        }
                        finally
                        {
                            _gate.Release();
                        }
                    }

                    return _value;
                }
            }
            """);

    [Fact]
    public Task DoubleCheckedUnderASemaphoreTakenSyncOrAsync_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Bootstrapper
            {
                private readonly SemaphoreSlim _gate = new(1, 1);
                private bool _ready;

                Task LoadAsync() => Task.CompletedTask;

                async Task BootstrapAsync(bool async, bool force)
                {
                    if (_ready && !force)
                    {
                        return;
                    }

                    var taken = async ? await _gate.WaitAsync(1000) : _gate.Wait(1000);
                    if (!taken)
                    {
                        throw new TimeoutException();
                    }

                    try
                    {
                        if (_ready && !force)
                        {
                            return;
                        }

                        await LoadAsync();
                        _ready = true;
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            }
            """);

    // Without the second test a waiter loads again after the earlier store, one at a time: nothing is lost
    // (SerialisedRefills; the harmful variants are in SerialisedRefillTests).
    [Fact]
    public Task OnlyTheFastPathTestBeforeTheLock_RepeatsTheLoadOneAtATime_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Loader
            {
                private readonly SemaphoreSlim _gate = new(1, 1);
                private object? _value;

                Task<object> LoadAsync() => Task.FromResult(new object());

                async Task<object?> GetAsync()
                {
                    if (_value == null)
                    {
                        await _gate.WaitAsync();
                        try
                        {
                            var loaded = await LoadAsync();
                            _value = loaded;
                        }
                        finally
                        {
                            _gate.Release();
                        }
                    }

                    return _value;
                }
            }
            """);

    // 8. Objects handed to helpers that keep nothing.

    [Fact]
    public Task ListPassedToAHelperThatOnlyReadsIt_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Importer
            {
                Task<int> FetchAsync(string id) => Task.FromResult(1);

                static int Sum(List<int> values)
                {
                    var total = 0;
                    foreach (var value in values)
                    {
                        total += value;
                    }

                    return total + values.Count;
                }

                async Task<int> ImportAsync(string[] ids)
                {
                    var results = new List<int>();
                    foreach (var id in ids)
                    {
                        if (results.Count < 10)
                        {
                            results.Add(await FetchAsync(id));
                        }
                    }

                    return Sum(results) + results.Sum();
                }
            }
            """);

    [Fact]
    public Task ListPassedToAHelperThatStoresIt_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Importer
            {
                private List<int>? _kept;

                Task<int> FetchAsync(string id) => Task.FromResult(1);

                void Keep(List<int> values)
                {
                    _kept = values;
                }

                async Task ImportAsync(string[] ids)
                {
                    var results = new List<int>();
                    Keep(results);
                    foreach (var id in ids)
                    {
                        if ({|#1:results.Count|} < 10)
                        {
                            {|#0:results.Add({|#2:await FetchAsync(id)|})|};
                        }
                    }
                }
            }
            """, Advisory("results", "await FetchAsync(id)"));

    [Fact]
    public Task ParameterOfAPrivateHelper_EveryCallerPassesItsOwnObject_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Scheduler
            {
                private readonly Dictionary<string, int> cache = new();

                Task<int> LoadAsync(string key) => Task.FromResult(key.Length);

                private async Task<int> LookupAsync(Dictionary<string, int>? cache, string key)
                {
                    if (cache is null || !cache.TryGetValue(key, out var value))
                    {
                        value = await LoadAsync(key).ConfigureAwait(false);
                        if (cache is not null)
                        {
                            cache[key] = value;
                        }
                    }

                    return value;
                }

                async Task<int> RecoverAsync(string[] keys)
                {
                    var batchCache = new Dictionary<string, int>();
                    var total = 0;
                    foreach (var key in keys)
                    {
                        total += await LookupAsync(batchCache, key).ConfigureAwait(false);
                    }

                    return total + batchCache.Count;
                }

                Task<int> SingleAsync(string key) => LookupAsync(cache: null, key);

                async Task<int> FreshAsync(string key) => await LookupAsync(new Dictionary<string, int>(), key);
            }
            """);

    [Fact]
    public Task ParameterOfAPrivateHelper_OneCallerPassesAField_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Scheduler
            {
                private readonly Dictionary<string, int> _shared = new();

                Task<int> LoadAsync(string key) => Task.FromResult(key.Length);

                private async Task<int> LookupAsync(Dictionary<string, int>? cache, string key)
                {
                    if (cache is null || !{|#1:cache.TryGetValue(key, out var value)|})
                    {
                        value = {|#2:await LoadAsync(key).ConfigureAwait(false)|};
                        if (cache is not null)
                        {
                            {|#0:cache[key] = value|};
                        }
                    }

                    return value;
                }

                async Task<int> RecoverAsync(string key)
                {
                    var batchCache = new Dictionary<string, int>();
                    return await LookupAsync(batchCache, key) + await {|#3:LookupAsync(_shared, key)|};
                }
            }
            """, Verify.Diagnostic(DiagnosticIds.LazyInitialization).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
                .WithArguments("cache[key]", "await LoadAsync(key).ConfigureAwait(false)", "; LookupAsync is called with the shared '_shared' (in Scheduler.RecoverAsync)"));

    [Fact]
    public Task ParameterOfAPrivateHelper_CallerStartsTwoCallsWithItsObject_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Scheduler
            {
                Task<int> LoadAsync(string key) => Task.FromResult(key.Length);

                private async Task<int> LookupAsync(Dictionary<string, int>? cache, string key)
                {
                    if (cache is null || !{|#1:cache.TryGetValue(key, out var value)|})
                    {
                        value = {|#2:await LoadAsync(key).ConfigureAwait(false)|};
                        if (cache is not null)
                        {
                            {|#0:cache[key] = value|};
                        }
                    }

                    return value;
                }

                async Task<int> RecoverAsync(string a, string b)
                {
                    var batchCache = new Dictionary<string, int>();
                    var first = LookupAsync(batchCache, a);
                    var second = LookupAsync(batchCache, b);
                    return (await first) + (await second);
                }
            }
            """, LazyInitialization("cache[key]", "await LoadAsync(key).ConfigureAwait(false)"));

    [Fact]
    public Task ParameterOfAProtectedHelper_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public class Scheduler
            {
                Task<int> LoadAsync(string key) => Task.FromResult(key.Length);

                protected async Task<int> LookupAsync(Dictionary<string, int>? cache, string key)
                {
                    if (cache is null || !{|#1:cache.TryGetValue(key, out var value)|})
                    {
                        value = {|#2:await LoadAsync(key).ConfigureAwait(false)|};
                        if (cache is not null)
                        {
                            {|#0:cache[key] = value|};
                        }
                    }

                    return value;
                }

                async Task<int> RecoverAsync(string key) => await LookupAsync(new Dictionary<string, int>(), key);
            }
            """, LazyInitialization("cache[key]", "await LoadAsync(key).ConfigureAwait(false)"));

    [Fact]
    public Task CheckThenActOnAnArgumentObjectOfAPublicMethod_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public class Order
            {
                public bool IsPaid { get; set; }
                public decimal Amount { get; set; }
            }

            public class Checkout
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

                Task ChargeAsync(decimal amount) => Task.CompletedTask;

                public async Task PayAsync(Order order)
                {
                    if (!{|#1:order.IsPaid|})
                    {
                        {|#2:await ChargeAsync(order.Amount)|};
                        {|#0:order.IsPaid = true|};
                    }
                }
            }
            """, CheckThenAct("order.IsPaid", "await ChargeAsync(order.Amount)"));

    // 9. One-shot gates.

    [Fact]
    public Task WriteInsideAnInterlockedExchangeGate_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Worker { }

            class Host
            {
                private int _started;
                private Worker? _worker;

                async Task StartAsync()
                {
                    if (Interlocked.Exchange(ref _started, 1) == 0)
                    {
                        if (_worker == null)
                        {
                            await Task.Yield();
                            _worker = new Worker();
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task WriteAfterACompareExchangePrologue_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Worker { }

            class Host
            {
                private int _started;
                private Worker? _worker;

                async Task StartAsync()
                {
                    if (Interlocked.CompareExchange(ref _started, 1, 0) != 0)
                    {
                        return;
                    }

                    if (_worker == null)
                    {
                        await Task.Yield();
                        _worker = new Worker();
                    }
                }
            }
            """);

    [Fact]
    public Task SameWriteBehindAPlainFlagTest_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Worker { }

            class Host
            {
                private bool _started;
                private Worker? _worker;

                async Task StartAsync()
                {
                    if (!_started)
                    {
                        if ({|#1:_worker|} == null)
                        {
                            {|#2:await Task.Yield()|};
                            {|#0:_worker = new Worker()|};
                        }
                    }
                }
            }
            """, Advisory("_worker", "await Task.Yield()"));

    // 10. Messages name the state.

    [Fact]
    public Task CollectionCallOnImplicitThis_MessageNamesThis()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Batch : List<int>
            {
                Task<int> LoadAsync() => Task.FromResult(1);

                async Task FillAsync()
                {
                    if ({|#1:Count|} < 10)
                    {
                        {|#0:Add({|#2:await LoadAsync()|})|};
                    }
                }
            }
            """, Advisory("this", "await LoadAsync()"));

    // Found on real code: more of the same mechanisms.

    [Fact]
    public Task CompoundWriteWhoseDeltaWasComputedBeforeTheAwait_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Buffer
            {
                private int _size = 16;
                private int _left;

                Task EnsureAsync(int count) => Task.CompletedTask;

                async Task SkipAsync()
                {
                    var pending = _size - _left;
                    await EnsureAsync(pending);
                    _left -= pending;
                }
            }
            """);

    [Fact]
    public Task TestOfACallResultComputedFromTheState_DoesNotGuardItsWrite_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Page
            {
                public int Count { get; set; }
            }

            class Pager
            {
                private string? _cursor;

                Task<Page> FetchAsync(string? cursor) => Task.FromResult(new Page());

                async Task NextAsync()
                {
                    var page = await FetchAsync(_cursor);
                    if (page.Count == 0)
                    {
                        _cursor = "end";
                    }
                }
            }
            """);

    [Fact]
    public Task DirectTestOfTheSameStateBeforeTheAwait_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Pager
            {
                private string? _cursor;

                Task LogAsync() => Task.CompletedTask;

                async Task NextAsync()
                {
                    if ({|#1:_cursor|} == null)
                    {
                        {|#2:await LogAsync()|};
                        {|#0:_cursor = "end"|};
                    }
                }
            }
            """, Advisory("_cursor", "await LogAsync()"));

    [Fact]
    public Task OneShotGateAsTheSecondOperandOfOr_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Worker { }

            class Host
            {
                private bool _closed;
                private int _stopping;
                private Worker? _worker;

                async Task HaltAsync()
                {
                    if (_closed || Interlocked.Exchange(ref _stopping, 1) == 1)
                    {
                        return;
                    }

                    if (_worker == null)
                    {
                        await Task.Yield();
                        _worker = new Worker();
                    }
                }
            }
            """);

    [Fact]
    public Task OneWayFlagInAShutdownMethod_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Scheduler
            {
                private bool _closed;

                Task StandbyAsync() => Task.CompletedTask;

                public async Task ShutdownAsync()
                {
                    if (_closed)
                    {
                        return;
                    }

                    await StandbyAsync();
                    _closed = true;
                }
            }
            """);

    [Fact]
    public Task LocalCollectionCreatedLazilyWithACollectionExpression_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Executor
            {
                Task<int> LoadAsync(string name) => Task.FromResult(1);

                async Task<int> RunAsync(string[] names)
                {
                    Dictionary<string, int>? loaded = null;
                    foreach (var name in names)
                    {
                        loaded ??= [];
                        if (!loaded.ContainsKey(name))
                        {
                            loaded.Add(name, await LoadAsync(name));
                        }
                    }

                    return loaded?.Count ?? 0;
                }
            }
            """);

    [Fact]
    public Task LocalListPassedToALocalFunctionThatOnlyChangesItsContents_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Copier
            {
                Task<bool> ProbeAsync(int i) => Task.FromResult(true);

                async Task<int> MapAsync(int columns)
                {
                    var mappings = new List<int>();
                    for (var i = 0; i < columns; i++)
                    {
                        if (mappings.Count < 100 && await ProbeAsync(i))
                        {
                            AddMapping(mappings, i);
                        }
                        else if (mappings.Count == 0)
                        {
                            await ProbeAsync(-i);
                            mappings.Add(i);
                        }
                    }

                    return mappings.FirstOrDefault(x => x > 0) + mappings.Count;

                    static void AddMapping(List<int> list, int value)
                    {
                        var existing = list.FirstOrDefault(x => x == value);
                        list.Remove(existing);
                        list.Add(value);
                    }
                }
            }
            """);

    [Fact]
    public Task WriteAfterAnIfWhoseBodyMayThrow_IsNotGuardedByThatIf_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Client
            {
                private int _mode;

                Task<bool> ExecuteAsync(string command) => Task.FromResult(true);

                async Task ConnectAsync()
                {
                    if (_mode == 1)
                    {
                        if (!await ExecuteAsync("AUTH"))
                        {
                            throw new InvalidOperationException();
                        }
                    }

                    await ExecuteAsync("FEAT");
                    _mode = 0;
                }
            }
            """);

    [Fact]
    public Task LocalDictionaryHandedToAnotherMethodOnlyAfterItIsFilled_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Executor
            {
                private Dictionary<string, int>? _published;

                Task<int> LoadAsync(string name) => Task.FromResult(1);

                void Publish(Dictionary<string, int> loaded) => _published = loaded;

                async Task RunAsync(string[] names)
                {
                    var loaded = new Dictionary<string, int>();
                    foreach (var name in names)
                    {
                        if (!loaded.ContainsKey(name))
                        {
                            loaded.Add(name, await LoadAsync(name));
                        }
                    }

                    Publish(loaded);
                }
            }
            """);
}
