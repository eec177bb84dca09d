using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// Mechanisms behind races that maintainers of real projects found and fixed (docs/real-bugs.md), in our own words:
/// lazy fills whose duplicate does harm, atomic stores of a stale decision, and members that read a field under a lock
/// of their own. Each real shape next to the nearby variant that must stay as it was.
/// </summary>
public class FixedBugShapesTests
{
    private const string Usings = "using System; using System.Linq; using System.Threading; using System.Threading.Tasks; using System.Collections.Generic; using System.Collections.Concurrent;\n";

    /// <summary>The write at #0, the stale read or test at #1, the suspension point at #2.</summary>
    private static DiagnosticResult Rule(string id, string state, string suspension)
        => Verify.Diagnostic(id).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    // 1. A lazy fill into a shared plain collection: concurrent fills corrupt it, so it is a warning, not AWR003.

    [Fact]
    public Task LazyFillIntoSharedPlainDictionary_IsCheckThenActWarning()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class ThumbnailCache
            {
                private readonly Dictionary<string, byte[]> _thumbs = new();

                Task<byte[]> RenderAsync(string path) => Task.FromResult(new byte[0]);

                public async Task<byte[]> GetAsync(string path)
                {
                    if ({|#1:_thumbs.TryGetValue(path, out var hit)|})
                    {
                        return hit;
                    }

                    var bytes = {|#2:await RenderAsync(path)|};
                    {|#0:_thumbs[path] = bytes|};
                    return bytes;
                }
            }
            """, Rule(DiagnosticIds.CheckThenAct, "_thumbs[path]", "await RenderAsync(path)"));

    [Fact]
    public Task LazyFillIntoConcurrentDictionary_StaysLazyInitialization()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class ThumbnailCache
            {
                private readonly ConcurrentDictionary<string, byte[]> _thumbs = new();

                Task<byte[]> RenderAsync(string path) => Task.FromResult(new byte[0]);

                public async Task<byte[]> GetAsync(string path)
                {
                    if ({|#1:_thumbs.TryGetValue(path, out var hit)|})
                    {
                        return hit;
                    }

                    var bytes = {|#2:await RenderAsync(path)|};
                    {|#0:_thumbs[path] = bytes|};
                    return bytes;
                }
            }
            """, Rule(DiagnosticIds.LazyInitialization, "_thumbs[path]", "await RenderAsync(path)"));

    [Fact]
    public Task LazyFillIntoAPlainDictionaryOfAnotherObject_StaysLazyInitialization()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Status
            {
                public Dictionary<string, string> Addresses { get; } = new();
            }

            class Client
            {
                public Status Status { get; } = new Status();

                Task<string> ResolveAsync(string host) => Task.FromResult(host);

                public async Task<string> GetAddressAsync(string host)
                {
                    if ({|#1:Status.Addresses.TryGetValue(host, out var known)|})
                    {
                        return known;
                    }

                    var address = {|#2:await ResolveAsync(host)|};
                    {|#0:Status.Addresses[host] = address|};
                    return address;
                }
            }
            """, Rule(DiagnosticIds.LazyInitialization, "Status.Addresses[host]", "await ResolveAsync(host)"));

    // 2. A lazy fill whose awaited call makes something exist: the duplicate is a second listener, not a cache miss.

    [Fact]
    public Task LazyFillFromAwaitedCreate_IsCheckThenActWarning()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Notifications
            {
                private object? _listener;

                Task<object> CreateListenerAsync() => Task.FromResult(new object());

                public async Task EnsureListeningAsync()
                {
                    if ({|#1:_listener|} == null)
                    {
                        {|#0:_listener = {|#2:await CreateListenerAsync()|}|};
                    }
                }
            }
            """, Rule(DiagnosticIds.CheckThenAct, "_listener", "await CreateListenerAsync()"));

    [Theory]
    [InlineData("FetchListenerAsync")]
    [InlineData("AddressOfListenerAsync")]
    public Task LazyFillFromAwaitedFetch_StaysLazyInitialization(string load)
        => Verify.VerifyAnalyzerAsync(Usings + $$"""
            class Notifications
            {
                private object? _listener;

                Task<object> {{load}}() => Task.FromResult(new object());

                public async Task EnsureListeningAsync()
                {
                    if ({|#1:_listener|} == null)
                    {
                        {|#0:_listener = {|#2:await {{load}}()|}|};
                    }
                }
            }
            """, Rule(DiagnosticIds.LazyInitialization, "_listener", $"await {load}()"));

    // 3. An atomic store does not make a decision taken before the await fresh.

    [Fact]
    public Task InterlockedExchangeUnderStaleTest_IsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Connection
            {
                private int _state;

                Task HandshakeAsync() => Task.CompletedTask;

                public async Task ConnectAsync()
                {
                    if (Volatile.Read(ref {|#1:_state|}) != 0)
                    {
                        return;
                    }

                    {|#2:await HandshakeAsync()|};
                    {|#0:Interlocked.Exchange(ref _state, 2)|};
                }
            }
            """, Rule(DiagnosticIds.CheckThenAct, "_state", "await HandshakeAsync()"));

    [Fact]
    public Task VolatileWriteOfStaleValue_IsLostUpdate()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Meter
            {
                private int _total;

                Task FlushAsync() => Task.CompletedTask;

                public async Task AddAsync(int amount)
                {
                    var before = Volatile.Read(ref {|#1:_total|});
                    {|#2:await FlushAsync()|};
                    {|#0:Volatile.Write(ref _total, before + amount)|};
                }
            }
            """, Rule(DiagnosticIds.LostUpdate, "_total", "await FlushAsync()"));

    [Fact]
    public Task CompareExchangeWithObservedValue_AndInterlockedIncrement_AreSilent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Meter
            {
                private int _total;
                private int _state;

                Task FlushAsync() => Task.CompletedTask;

                public async Task AddAsync(int amount)
                {
                    var before = Volatile.Read(ref _total);
                    await FlushAsync();
                    if (Interlocked.CompareExchange(ref _total, before + amount, before) != before)
                    {
                        throw new InvalidOperationException("changed meanwhile");
                    }

                    Interlocked.Increment(ref _state);
                }
            }
            """);

    [Theory]
    [InlineData("Interlocked.CompareExchange(ref {|#1:_ensured|}, 0, 0)")]
    [InlineData("(int)Interlocked.Read(ref {|#1:_ensuredLong|})")]
    public Task AtomicReadBeforeAwait_ThenAtomicStore_IsCheckThenAct(string atomicRead)
        => Verify.VerifyAnalyzerAsync(Usings + $$"""
            class Bucket
            {
                private int _ensured;
                private long _ensuredLong;

                Task CreateIndexesAsync() => Task.CompletedTask;

                public async Task EnsureIndexesAsync()
                {
                    if ({{atomicRead}} == 0)
                    {
                        {|#2:await CreateIndexesAsync()|};
                        {|#0:Interlocked.Exchange(ref {{(atomicRead.Contains("Long") ? "_ensuredLong" : "_ensured")}}, 1)|};
                    }
                }
            }
            """, Rule(DiagnosticIds.CheckThenAct, atomicRead.Contains("Long") ? "_ensuredLong" : "_ensured", "await CreateIndexesAsync()"));

    [Fact]
    public Task CompareExchangeThatClaimsBeforeAwait_IsSilent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Bucket
            {
                private int _ensured;

                Task CreateIndexesAsync() => Task.CompletedTask;

                public async Task EnsureIndexesAsync()
                {
                    if (Interlocked.CompareExchange(ref _ensured, 1, 0) == 0)
                    {
                        await CreateIndexesAsync();
                        Interlocked.Exchange(ref _ensured, 2);
                    }
                }
            }
            """);

    // 4. A member that reads the field under a lock of its own is a read of that field: stale after the await.

    [Fact]
    public Task LockedGetterReadBeforeAwait_IsLostUpdate()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private readonly object _sync = new object();
                private int _count;

                int Count { get { lock (_sync) { return _count; } } }

                Task SaveAsync() => Task.CompletedTask;

                public async Task IncrementAsync()
                {
                    var current = {|#1:Count|};
                    {|#2:await SaveAsync()|};
                    {|#0:_count = current + 1|};
                }
            }
            """, Rule(DiagnosticIds.LostUpdate, "_count", "await SaveAsync()"));

    [Fact]
    public Task LockedGetterReadAfterAwait_IsSilent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private readonly object _sync = new object();
                private int _count;

                int Count { get { lock (_sync) { return _count; } } }

                Task SaveAsync() => Task.CompletedTask;

                public async Task IncrementAsync()
                {
                    await SaveAsync();
                    var current = Count;
                    _count = current + 1;
                }
            }
            """);

    [Fact]
    public Task SemaphoreGuardedGetterReadBeforeAwait_IsLostUpdate()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private int _count;

                int ReadCount()
                {
                    _gate.Wait();
                    try
                    {
                        return _count;
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                Task SaveAsync() => Task.CompletedTask;

                public async Task IncrementAsync()
                {
                    var current = {|#1:ReadCount()|};
                    {|#2:await SaveAsync()|};
                    {|#0:_count = current + 1|};
                }
            }
            """, Rule(DiagnosticIds.LostUpdate, "_count", "await SaveAsync()"));

    // 8. A shared collection handed to a helper: at a call site that passes a static or a field, the parameter is shared.

    private const string Helper = """
        static class CacheExtensions
        {
            public static async Task<string> GetOrLoadAsync(this Dictionary<string, string> map, string key, Func<Task<string>> load)
            {
                if ({|#1:map.TryGetValue(key, out var value)|})
                {
                    return value;
                }

                value = {|#2:await load()|};
                {|#0:map.Add(key, value)|};
                return value;
            }
        }

        """;

    [Fact]
    public Task HelperCalledWithAStaticCollection_IsCheckThenActWithTheCallSite()
        => Verify.VerifyAnalyzerAsync(Usings + Helper + """
            class Names
            {
                private static readonly Dictionary<string, string> s_names = new();

                public Task<string> GetAsync(string key) => {|#3:s_names.GetOrLoadAsync(key, () => Task.FromResult(key))|};
            }
            """, Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
                .WithArguments("map", "await load()", "; GetOrLoadAsync is called with the shared 's_names' (in Names.GetAsync)"));

    [Fact]
    public Task HelperCalledOnlyWithALocalCollection_StaysAdvisory()
        => Verify.VerifyAnalyzerAsync(Usings + Helper + """
            class Names
            {
                public async Task<string> GetAsync(string key)
                {
                    var names = new Dictionary<string, string>();
                    return await names.GetOrLoadAsync(key, () => Task.FromResult(key));
                }
            }
            """, Rule(DiagnosticIds.AdvisoryCheckThenAct, "map", "await load()"));

    // 5. The caller's lock protects the callee: a private method every caller runs under one lock is silent.

    private const string InitializerWithCallers = """
        class Scheduler
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
            private readonly object _sync = new object();
            private bool _initialized;

            Task RegisterJobsAsync() => Task.CompletedTask;

            private async Task InitializeCoreAsync()
            {
                if ({|#1:_initialized|})
                {
                    return;
                }

                {|#2:await RegisterJobsAsync()|};
                {|#0:_initialized = true|};
            }

            public async Task StartAsync()
            {
                await _gate.WaitAsync();
                try
                {
                    await InitializeCoreAsync();
                }
                finally
                {
                    _gate.Release();
                }
            }

            CALLER
        }
        """;

    [Theory]
    [InlineData("public async Task RestartAsync() { await _gate.WaitAsync().ConfigureAwait(false); try { await InitializeCoreAsync(); } finally { _gate.Release(); } }")]
    [InlineData("public void Restart() { _gate.Wait(); try { InitializeCoreAsync().GetAwaiter().GetResult(); } finally { _gate.Release(); } }")]
    [InlineData("// InitializeCoreAsync() runs under the gate\n    public string Name => \"InitializeCoreAsync()\";")]
    public Task PrivateMethodEveryCallerRunsUnderOneSemaphore_IsSilent(string caller)
        => Verify.VerifyAnalyzerAsync(Usings + Unmarked(InitializerWithCallers.Replace("CALLER", caller)));

    [Theory]
    [InlineData("public Task RestartAsync() => InitializeCoreAsync();")]
    [InlineData("public async Task RestartAsync() { lock (_sync) { } await InitializeCoreAsync(); }")]
    [InlineData("public void Restart() { lock (_sync) { _ = InitializeCoreAsync(); } }")]
    [InlineData("public void Restart() { _gate.Wait(); try { Func<Task> later = () => InitializeCoreAsync(); later(); } finally { _gate.Release(); } }")]
    [InlineData("public Func<Task> Restarter => InitializeCoreAsync;")]
    [InlineData("public Task RestartAsync() => Initialize\\u0043oreAsync();")]
    [InlineData("public Task RestartAsync() => @InitializeCoreAsync();")]
    public Task PrivateMethodWithACallerOutsideTheLock_IsReported(string caller)
        => Verify.VerifyAnalyzerAsync(Usings + InitializerWithCallers.Replace("CALLER", caller), Rule(DiagnosticIds.CheckThenAct, "_initialized", "await RegisterJobsAsync()"));

    [Fact]
    public Task LocalFunctionCalledOnlyUnderAnAwaitedLockHandle_IsSilent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class AsyncLock { public Task<IDisposable> LockAsync() => Task.FromResult<IDisposable>(null!); }

            class Cache
            {
                private readonly AsyncLock _lock = new AsyncLock();
                private int _version;

                Task SaveAsync() => Task.CompletedTask;

                public async Task BumpAsync()
                {
                    using (await _lock.LockAsync())
                    {
                        await BumpCoreAsync();
                    }

                    async Task BumpCoreAsync()
                    {
                        var version = _version;
                        await SaveAsync();
                        _version = version + 1;
                    }
                }
            }
            """);

    [Fact]
    public Task LocalFunctionCalledUnderAnAwaitedDisposableThatIsNoLock_IsReported()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Cache
            {
                private int _version;

                Task<IDisposable> OpenFileAsync() => Task.FromResult<IDisposable>(null!);

                Task SaveAsync() => Task.CompletedTask;

                public async Task BumpAsync()
                {
                    using (await OpenFileAsync())
                    {
                        await BumpCoreAsync();
                    }

                    async Task BumpCoreAsync()
                    {
                        var version = {|#1:_version|};
                        {|#2:await SaveAsync()|};
                        {|#0:_version = version + 1|};
                    }
                }
            }
            """, Rule(DiagnosticIds.LostUpdate, "_version", "await SaveAsync()"));

    private static string Unmarked(string source) => System.Text.RegularExpressions.Regex.Replace(source, @"\{\|#\d:|\|\}", string.Empty);

    // A test made through a synchronous question to the state (a method of its value, a predicate of it) is a test of it.

    [Theory]
    [InlineData("DateTime.UtcNow < {|#1:s_lastSent|}.AddMinutes(5)")]
    [InlineData("!string.IsNullOrEmpty({|#1:s_lastSent|}.ToString())")]
    [InlineData("IsRecent({|#1:s_lastSent|})")]
    public Task TestThroughAQueryOfTheState_IsCheckThenAct(string test)
        => Verify.VerifyAnalyzerAsync(Usings + $$"""
            class Heartbeat
            {
                private static DateTime s_lastSent = DateTime.MinValue;

                static bool IsRecent(DateTime sent) => DateTime.UtcNow - sent < TimeSpan.FromMinutes(5);

                Task PostAsync() => Task.CompletedTask;

                public async Task BeatAsync()
                {
                    if ({{test}})
                    {
                        return;
                    }

                    {|#2:await PostAsync()|};
                    {|#0:s_lastSent = DateTime.UtcNow|};
                }
            }
            """, Rule(DiagnosticIds.CheckThenAct, "s_lastSent", "await PostAsync()"));

    [Theory]
    [InlineData("await IsRecentAsync(s_lastSent)")]
    [InlineData("Age(s_lastSent) < 5")]
    public Task TestOfWhatAnAsyncOrNonPredicateCallComputed_IsNoCheckOfTheState(string test)
        => Verify.VerifyAnalyzerAsync(Usings + $$"""
            class Heartbeat
            {
                private static DateTime s_lastSent = DateTime.MinValue;

                static double Age(DateTime sent) => (DateTime.UtcNow - sent).TotalMinutes;

                Task<bool> IsRecentAsync(DateTime sent) => Task.FromResult(false);

                Task PostAsync() => Task.CompletedTask;

                public async Task BeatAsync()
                {
                    if ({{test}})
                    {
                        return;
                    }

                    await PostAsync();
                    s_lastSent = DateTime.UtcNow;
                }
            }
            """);

    // 2. Cleanup is one-way only when nothing stores a fresh value: a stale clear erases a restarted timer or listener.

    [Fact]
    public Task ClearingAfterAnAwaitedStopWhileAnotherMemberRestarts_IsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Poller
            {
                private readonly SemaphoreSlim _startGate = new SemaphoreSlim(1, 1);
                private IAsyncDisposable? _timer;

                IAsyncDisposable CreateTimer() => null!;

                public async Task StartAsync()
                {
                    await _startGate.WaitAsync();
                    try
                    {
                        _timer ??= CreateTimer();
                    }
                    finally
                    {
                        _startGate.Release();
                    }
                }

                public async Task StopAsync()
                {
                    if ({|#1:_timer|} != null)
                    {
                        {|#2:await _timer.DisposeAsync()|};
                        {|#0:_timer = null|};
                    }
                }
            }
            """, Rule(DiagnosticIds.CheckThenAct, "_timer", "await _timer.DisposeAsync()"));

    [Fact]
    public Task StartedFlagClearedInStopWhileStartSetsIt_IsReported()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Listener
            {
                private bool _started;

                Task StartCoreAsync() => Task.CompletedTask;
                Task StopCoreAsync() => Task.CompletedTask;

                public async Task StartAsync()
                {
                    await StartCoreAsync();
                    _started = true;
                }

                public async Task StopAsync()
                {
                    if ({|#1:_started|})
                    {
                        {|#2:await StopCoreAsync()|};
                        {|#0:_started = false|};
                    }
                }
            }
            """, Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_started", "await StopCoreAsync()", string.Empty));

    [Fact]
    public Task CleanupWhoseStateEveryMemberOnlyClears_StaysSilent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Listener
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private bool _started = true;

                Task StopCoreAsync() => Task.CompletedTask;

                public void Abort() => _started = false;

                public async Task StopAsync()
                {
                    if (_started)
                    {
                        await StopCoreAsync();
                        _started = false;
                    }
                }
            }
            """);

    // 3. A lookup through a lazy view of the collection (Where, Select, Keys) is a check of the collection.

    private const string Subscriptions = """
        class BreakpointListeners
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
            private readonly Dictionary<Guid, string> _listeners = new Dictionary<Guid, string>();

            Task RegisterAsync(Guid id) => Task.CompletedTask;

            public async Task<Guid> SubscribeAsync(string options)
            {
                LOOKUP
            }
        }
        """;

    [Fact]
    public Task LookupThroughALazyViewBeforeTheAwait_IsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + Subscriptions.Replace("LOOKUP", """
            var existing = {|#1:_listeners.Where(p => p.Value == options).Select(p => p.Key).FirstOrDefault()|};
                    {|#2:await _gate.WaitAsync()|};
                    try
                    {
                        if (existing != Guid.Empty)
                        {
                            return existing;
                        }

                        var id = Guid.NewGuid();
                        {|#0:_listeners.Add(id, options)|};
                        await RegisterAsync(id);
                        return id;
                    }
                    finally
                    {
                        _gate.Release();
                    }
            """), Rule(DiagnosticIds.CheckThenAct, "_listeners", "await _gate.WaitAsync()"));

    [Fact]
    public Task LookupThroughALazyViewInsideTheLock_StaysSilent()
        => Verify.VerifyAnalyzerAsync(Usings + Subscriptions.Replace("LOOKUP", """
            await _gate.WaitAsync();
                    try
                    {
                        var existing = _listeners.Where(p => p.Value == options).Select(p => p.Key).FirstOrDefault();
                        if (existing != Guid.Empty)
                        {
                            return existing;
                        }

                        var id = Guid.NewGuid();
                        _listeners.Add(id, options);
                        await RegisterAsync(id);
                        return id;
                    }
                    finally
                    {
                        _gate.Release();
                    }
            """));

    // 7. A snapshot taken before the await and written back on the failure path loses what others wrote meanwhile.

    [Fact]
    public Task SnapshotWrittenBackInACatchAfterTheAwait_IsLostUpdate()
        => Verify.VerifyAnalyzerAsync(Usings + """
            record ConsumerState(bool Running, string? Error)
            {
                public ConsumerState Stopped(Exception ex) => this with { Running = false, Error = ex.Message };
            }

            class EventConsumer
            {
                private ConsumerState _state = new ConsumerState(true, null);

                public async Task RunAsync(Func<Task> action)
                {
                    var previous = {|#1:_state|};
                    try
                    {
                        {|#2:await action()|};
                    }
                    catch (Exception ex)
                    {
                        {|#0:_state = previous.Stopped(ex)|};
                    }
                }
            }
            """, Rule(DiagnosticIds.LostUpdate, "_state", "await action()"));

    [Fact]
    public Task CatchThatBuildsOnTheStateAsItIsNow_StaysSilent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            record ConsumerState(bool Running, string? Error)
            {
                public ConsumerState Stopped(Exception ex) => this with { Running = false, Error = ex.Message };
            }

            class EventConsumer
            {
                private ConsumerState _state = new ConsumerState(true, null);

                public async Task RunAsync(Func<Task> action)
                {
                    try
                    {
                        await action();
                    }
                    catch (Exception ex)
                    {
                        _state = _state.Stopped(ex);
                    }
                }
            }
            """);

    // A helper of the type that writes members for its caller: the caller's test is stale at the helper's write.

    [Fact]
    public Task AwaitedHelperThatStoresAfterItsOwnAwait_IsCheckThenActAtTheCall()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class VoiceConnection
            {
                private readonly SemaphoreSlim _sendGate = new SemaphoreSlim(1, 1);
                private string? _token;
                private DateTime _expiry;

                Task<string> PostCredentialsAsync() => Task.FromResult("jwt");

                private async Task ConnectAsync()
                {
                    var token = await PostCredentialsAsync();
                    _token = token;
                    _expiry = DateTime.UtcNow.AddHours(1);
                }

                public async Task CheckExpiryAsync()
                {
                    if ({|#1:_expiry|}.AddMinutes(-5) < DateTime.UtcNow)
                    {
                        {|#2:await {|#0:ConnectAsync()|}|};
                    }
                }
            }
            """, Rule(DiagnosticIds.CheckThenAct, "_expiry", "await ConnectAsync()"));

    [Fact]
    public Task HelperThatStoresItsArgumentsAfterTheCallersAwait_IsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class WebSession
            {
                private readonly SemaphoreSlim _loginGate = new SemaphoreSlim(1, 1);

                public string? AccessToken { get; private set; }

                Task<string> GenerateTokenAsync() => Task.FromResult("token");

                private void UpdateTokens(string accessToken) => AccessToken = accessToken;

                public async Task<bool> RefreshAsync()
                {
                    if (!string.IsNullOrEmpty({|#1:AccessToken|}))
                    {
                        return true;
                    }

                    var token = {|#2:await GenerateTokenAsync()|};
                    {|#0:UpdateTokens(token)|};
                    return true;
                }
            }
            """, Rule(DiagnosticIds.CheckThenAct, "AccessToken", "await GenerateTokenAsync()"));

    [Theory]
    [InlineData("""
        var claim = new TaskCompletionSource<string>();
                if (Interlocked.CompareExchange(ref _pending, claim.Task, null) is { } running)
                {
                    await running;
                    return;
                }

                _token = await PostCredentialsAsync();
                claim.SetResult(_token);
        """)]
    [InlineData("""
        _token = "pending";
                await PostCredentialsAsync();
        """)]
    public Task HelperThatClaimsItselfOrWritesBeforeItsFirstAwait_StaysSilent(string connectBody)
        => Verify.VerifyAnalyzerAsync(Usings + $$"""
            class VoiceConnection
            {
                private readonly SemaphoreSlim _sendGate = new SemaphoreSlim(1, 1);
                private string? _token;
                private Task<string>? _pending;

                Task<string> PostCredentialsAsync() => Task.FromResult("jwt");

                private async Task ConnectAsync()
                {
                    {{connectBody}}
                }

                public async Task EnsureConnectedAsync()
                {
                    if (_token == null)
                    {
                        await ConnectAsync();
                    }
                }
            }
            """);

    [Fact]
    public Task HandleClearedThenCreatedAgainOnTheSamePath_IsReported()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class UploadWidget
            {
                private IAsyncDisposable? _handle;

                Task<IAsyncDisposable> CreateHandleAsync() => Task.FromResult<IAsyncDisposable>(null!);

                public async Task OnRenderedAsync()
                {
                    if ({|#1:_handle|} != null)
                    {
                        {|#2:await _handle.DisposeAsync()|};
                        {|#0:_handle = null|};
                    }

                    _handle = await CreateHandleAsync();
                }
            }
            """, Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_handle", "await _handle.DisposeAsync()", string.Empty));

    [Fact]
    public Task ClearThatEndsItsPathWhileAnotherPathStoresAValue_StaysSilent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class RangeProbe
            {
                private bool? _supportsRanges;

                Task ProbeAsync() => Task.CompletedTask;
                bool Compressed() => false;

                public async Task<bool> SupportsRangesAsync()
                {
                    if (_supportsRanges.HasValue)
                    {
                        return _supportsRanges.Value;
                    }

                    await ProbeAsync();
                    if (Compressed())
                    {
                        _supportsRanges = false;
                        return false;
                    }

                    return true;
                }
            }
            """);

    [Fact]
    public Task ConstantWrittenInACloseMethod_StaysSilentEvenWhenAnotherMemberStoresAFreshValue()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Package
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

                public IAsyncDisposable? Storage { get; set; }

                IAsyncDisposable Open() => null!;

                public void Build() => Storage = Open();

                public async Task CloseAsync()
                {
                    if (Storage is not null)
                    {
                        await Storage.DisposeAsync();
                        Storage = null;
                    }
                }
            }
            """);

    [Fact]
    public Task HelperThatLoadsAndStoresAfterItsAwait_UnderAMissingTest_IsLazyInitialization()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class HeaderProbe
            {
                private readonly object _sync = new object();
                private Dictionary<string, string>? _headers;

                Task<Dictionary<string, string>> SendAsync() => Task.FromResult(new Dictionary<string, string>());

                private async Task FetchHeadersAsync()
                {
                    var response = await SendAsync();
                    _headers = response;
                }

                public async Task<string?> GetAsync(string name)
                {
                    if ({|#1:_headers|} == null)
                    {
                        {|#2:await {|#0:FetchHeadersAsync()|}|};
                    }

                    lock (_sync)
                    {
                        return _headers![name];
                    }
                }
            }
            """, Rule(DiagnosticIds.LazyInitialization, "_headers", "await FetchHeadersAsync()"));

    [Fact]
    public Task RecursiveCallOfTheMethodItself_IsNoHelperWrite()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Poller
            {
                private readonly object _sync = new object();
                private int _polls;

                Task SendAsync() => Task.CompletedTask;

                private async Task PollAsync(bool reset)
                {
                    if (reset)
                    {
                        _polls = 0;
                    }

                    if (_polls > 3)
                    {
                        return;
                    }

                    await SendAsync();
                    await PollAsync(false);
                }
            }
            """);

    [Fact]
    public Task HelperThatResetsAConstantOfItsOwn_IsNoWriteForTheCaller()
        => Verify.VerifyAnalyzerAsync(Usings + """
            enum Status { Idle, InTransaction }

            class Connector
            {
                private readonly object _sync = new object();
                private Status _status;

                Task RollbackAsync() => Task.CompletedTask;

                private void ClearTransaction() => _status = Status.Idle;

                public async Task ResetAsync()
                {
                    if (_status == Status.InTransaction)
                    {
                        await RollbackAsync();
                        ClearTransaction();
                    }
                }
            }
            """);

    [Fact]
    public Task HelperThatBracketsItsOwnWorkWithAFlag_IsNoWriteForTheCaller()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Socket
            {
                private readonly object _sync = new object();
                private bool _stopping;

                Task CloseAsync() => Task.CompletedTask;

                private async Task StopInternalAsync()
                {
                    _stopping = true;
                    try
                    {
                        await CloseAsync();
                    }
                    finally
                    {
                        _stopping = false;
                    }
                }

                public async Task OnClosedByServerAsync()
                {
                    if (_stopping)
                    {
                        return;
                    }

                    await StopInternalAsync();
                }
            }
            """);

    [Fact]
    public Task HelperThatSetsAFlagOnlyAfterItsAwait_IsAWriteForTheCaller()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Link
            {
                private readonly object _sync = new object();
                private bool _connected;

                Task HandshakeAsync() => Task.CompletedTask;

                private async Task ConnectAsync()
                {
                    await HandshakeAsync();
                    _connected = true;
                }

                public async Task EnsureConnectedAsync()
                {
                    if (!{|#1:_connected|})
                    {
                        {|#2:await {|#0:ConnectAsync()|}|};
                    }
                }
            }
            """, Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_connected", "await ConnectAsync()", string.Empty));

    [Fact]
    public Task HelperThatStoresAValueTheCallerComputedBeforeTheAwait_IsLostUpdate()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Totals
            {
                private int _total;

                Task FlushAsync() => Task.CompletedTask;

                private void SetTotal(int total) => _total = total;

                public async Task AddAsync(int amount)
                {
                    var total = {|#1:_total|};
                    {|#2:await FlushAsync()|};
                    {|#0:SetTotal(total + amount)|};
                }
            }
            """, Rule(DiagnosticIds.LostUpdate, "_total", "await FlushAsync()"));
}
