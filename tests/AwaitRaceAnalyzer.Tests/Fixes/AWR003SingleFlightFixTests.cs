using AwaitRaceAnalyzer.CodeFixes;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.CodeFixVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer, AwaitRaceAnalyzer.CodeFixes.LostUpdateCodeFixProvider>;

namespace AwaitRaceAnalyzer.Tests.Fixes;

/// <summary>"Share one load" (AWR003): exact fixed sources, which the harness also compiles.</summary>
public class AWR003SingleFlightFixTests
{
    private const string Key = FixKinds.SingleFlightKey;

    [Fact]
    public Task CoalesceAssignmentInAnExpressionBody_SharesTheLoad()
        => Verify.VerifyCodeFixAsync("""
            #nullable enable
            using System.Threading.Tasks;

            public sealed class Config { }

            public sealed class Service
            {
                private Config? _config;

                public bool IsLoaded => _config != null;

                public async Task<Config> GetConfigAsync()
                    => {|AWR003:_config ??= await LoadConfigAsync()|};

                private Task<Config> LoadConfigAsync() => Task.FromResult(new Config());
            }
            """, """
            #nullable enable
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Config { }

            public sealed class Service
            {
                private Config? _config;
                private Task<Config>? _configLoad;

                public bool IsLoaded => _config != null;

                public async Task<Config> GetConfigAsync()
                    => _config ?? await LoadConfigOnceAsync(() => LoadConfigAsync());

                private async Task<Config> LoadConfigOnceAsync(Func<Task<Config>> load)
                {
                    // One load for all concurrent callers: the first publishes its task, the others await it.
                    var claim = new TaskCompletionSource<Config>(TaskCreationOptions.RunContinuationsAsynchronously);
                    var running = Interlocked.CompareExchange(ref _configLoad, claim.Task, null);
                    if (running != null)
                    {
                        return await running;
                    }

                    try
                    {
                        var value = await load();
                        _config = value;
                        claim.SetResult(value);
                        return value;
                    }
                    catch (Exception exception)
                    {
                        // A failed load is not kept: the next caller starts a new one.
                        Volatile.Write(ref _configLoad, null);
                        claim.SetException(exception);
                        throw;
                    }
                }

                private Task<Config> LoadConfigAsync() => Task.FromResult(new Config());
            }
            """, Key);

    [Fact]
    public Task NullTestThenAssignment_CallsTheHelperInstead()
        => Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Regions
            {
                private List<string> _regions;

                async Task<List<string>> GetAsync(string endpoint)
                {
                    if (_regions == null)
                    {
                        {|AWR003:_regions = await FetchAsync(endpoint)|};
                    }

                    return _regions;
                }

                Task<List<string>> FetchAsync(string endpoint) => Task.FromResult(new List<string> { endpoint });
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class Regions
            {
                private List<string> _regions;
                private Task<List<string>> _regionsLoad;

                async Task<List<string>> GetAsync(string endpoint)
                {
                    if (_regions == null)
                    {
                        await LoadRegionsOnceAsync(() => FetchAsync(endpoint));
                    }

                    return _regions;
                }

                private async Task<List<string>> LoadRegionsOnceAsync(Func<Task<List<string>>> load)
                {
                    // One load for all concurrent callers: the first publishes its task, the others await it.
                    var claim = new TaskCompletionSource<List<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
                    var running = Interlocked.CompareExchange(ref _regionsLoad, claim.Task, null);
                    if (running != null)
                    {
                        return await running;
                    }

                    try
                    {
                        var value = await load();
                        _regions = value;
                        claim.SetResult(value);
                        return value;
                    }
                    catch (Exception exception)
                    {
                        // A failed load is not kept: the next caller starts a new one.
                        Volatile.Write(ref _regionsLoad, null);
                        claim.SetException(exception);
                        throw;
                    }
                }

                Task<List<string>> FetchAsync(string endpoint) => Task.FromResult(new List<string> { endpoint });
            }
            """, Key);

    [Fact]
    public Task EarlyReturnThenStoreFromALocal_TheLocalAwaitsTheHelperAndTheStoreGoes()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Cache
            {
                private static string s_value;

                static Task<string> LoadAsync() => Task.FromResult("v");

                static async Task<string> GetAsync()
                {
                    if (s_value is not null)
                    {
                        return s_value;
                    }

                    var loaded = await LoadAsync().ConfigureAwait(false);
                    {|AWR003:s_value = loaded|}; // remember it
                    return loaded;
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Cache
            {
                private static string s_value;
                private static Task<string> s_valueLoad;

                static Task<string> LoadAsync() => Task.FromResult("v");

                static async Task<string> GetAsync()
                {
                    if (s_value is not null)
                    {
                        return s_value;
                    }

                    var loaded = await LoadValueOnceAsync(() => LoadAsync()).ConfigureAwait(false);
                    // remember it
                    return loaded;
                }

                private static async Task<string> LoadValueOnceAsync(Func<Task<string>> load)
                {
                    // One load for all concurrent callers: the first publishes its task, the others await it.
                    var claim = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                    var running = Interlocked.CompareExchange(ref s_valueLoad, claim.Task, null);
                    if (running != null)
                    {
                        return await running.ConfigureAwait(false);
                    }

                    try
                    {
                        var value = await load().ConfigureAwait(false);
                        s_value = value;
                        claim.SetResult(value);
                        return value;
                    }
                    catch (Exception exception)
                    {
                        // A failed load is not kept: the next caller starts a new one.
                        Volatile.Write(ref s_valueLoad, null);
                        claim.SetException(exception);
                        throw;
                    }
                }
            }
            """, Key);

    [Fact]
    public Task CoalesceAssignmentStatement_BecomesANullTestAroundTheHelper()
        => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Session
            {
                private object _token;

                public object Token => _token;

                async Task EnsureAsync(CancellationToken cancellationToken)
                {
                    {|AWR003:_token ??= await RequestAsync(cancellationToken)|};
                }

                ValueTask<object> RequestAsync(CancellationToken cancellationToken) => new ValueTask<object>(new object());
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Session
            {
                private object _token;
                private Task<object> _tokenLoad;

                public object Token => _token;

                async Task EnsureAsync(CancellationToken cancellationToken)
                {
                    if (_token is null)
                    {
                        await LoadTokenOnceAsync(() => RequestAsync(cancellationToken).AsTask());
                    }
                }

                private async Task<object> LoadTokenOnceAsync(Func<Task<object>> load)
                {
                    // One load for all concurrent callers: the first publishes its task, the others await it.
                    var claim = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
                    var running = Interlocked.CompareExchange(ref _tokenLoad, claim.Task, null);
                    if (running != null)
                    {
                        return await running;
                    }

                    try
                    {
                        var value = await load();
                        _token = value;
                        claim.SetResult(value);
                        return value;
                    }
                    catch (Exception exception)
                    {
                        // A failed load is not kept: the next caller starts a new one.
                        Volatile.Write(ref _tokenLoad, null);
                        claim.SetException(exception);
                        throw;
                    }
                }

                ValueTask<object> RequestAsync(CancellationToken cancellationToken) => new ValueTask<object>(new object());
            }
            """, Key);

    [Fact]
    public Task DictionaryFilledOnAMiss_IsNotOffered()
    {
        // Per key the fix would have to change the dictionary's value type or add a companion per key: see the AWR003 page.
        // (A plain Dictionary filled so is AWR002: concurrent fills corrupt it.)
        const string Source = """
            using System.Collections.Concurrent;
            using System.Threading.Tasks;

            class Items
            {
                private readonly ConcurrentDictionary<string, string> _items = new ConcurrentDictionary<string, string>();

                async Task<string> GetAsync(string key)
                {
                    if (!_items.TryGetValue(key, out var value))
                    {
                        value = await LoadAsync(key);
                        {|AWR003:_items[key] = value|};
                    }

                    return value;
                }

                Task<string> LoadAsync(string key) => Task.FromResult(key);
            }
            """;
        return Verify.VerifyCodeFixAsync(Source, Source, Key);
    }

    [Fact]
    public Task WithoutAPreference_SingleFlightIsTheFirstFixOffered()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class Cache
                {
                    private string _value;

                    async Task<string> GetAsync() => {|AWR003:_value ??= await LoadAsync()|};

                    Task<string> LoadAsync() => Task.FromResult("v");
                }
                """,
            FixedCode = """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class Cache
                {
                    private string _value;
                    private Task<string> _valueLoad;

                    async Task<string> GetAsync() => _value ?? await LoadValueOnceAsync(() => LoadAsync());

                    private async Task<string> LoadValueOnceAsync(Func<Task<string>> load)
                    {
                        // One load for all concurrent callers: the first publishes its task, the others await it.
                        var claim = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                        var running = Interlocked.CompareExchange(ref _valueLoad, claim.Task, null);
                        if (running != null)
                        {
                            return await running;
                        }

                        try
                        {
                            var value = await load();
                            _value = value;
                            claim.SetResult(value);
                            return value;
                        }
                        catch (Exception exception)
                        {
                            // A failed load is not kept: the next caller starts a new one.
                            Volatile.Write(ref _valueLoad, null);
                            claim.SetException(exception);
                            throw;
                        }
                    }

                    Task<string> LoadAsync() => Task.FromResult("v");
                }
                """,
            CodeActionIndex = 0,
        };
        return test.RunAsync();
    }
}
