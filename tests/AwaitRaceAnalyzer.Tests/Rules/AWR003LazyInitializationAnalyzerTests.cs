using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// AWR003: async lazy initialisation (state found missing, filled from an awaited load that does not read it), and
/// the fills that stay AWR002 because they are bugs: another member invalidates the state, the value is disposable,
/// the store throws on a duplicate, or the code shows that callers were meant to be excluded.
/// </summary>
public class AWR003LazyInitializationAnalyzerTests
{
    /// <summary>The write at #0, the stale test at #1, the suspension point at #2.</summary>
    private static DiagnosticResult LazyInitialization(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.LazyInitialization).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    private static DiagnosticResult CheckThenAct(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    /// <summary>The same shape where the code shows no sign of concurrent use: AWR102, the same locations.</summary>
    private static DiagnosticResult Advisory(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks; using System.Collections.Generic; using System.Collections.Concurrent;\n";

    [Fact]
    public Task NullCheckThenAwaitedAssignment_ReportsLazyInitialization()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Cache
            {
                private object? _cache;

                Task<object> LoadAsync() => Task.FromResult(new object());

                async Task<object> GetAsync()
                {
                    if ({|#1:_cache|} == null)
                    {
                        {|#0:_cache = {|#2:await LoadAsync()|}|};
                    }

                    return _cache;
                }
            }
            """, LazyInitialization("_cache", "await LoadAsync()"));

    [Fact]
    public Task CoalesceAssignment_ReportsLazyInitialization()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Cache
            {
                private object? _cache;

                Task<object> LoadAsync() => Task.FromResult(new object());

                async Task<object> GetAsync()
                {
                    return {|#0:{|#1:_cache|} ??= {|#2:await LoadAsync()|}|};
                }
            }
            """, LazyInitialization("_cache", "await LoadAsync()"));

    [Fact]
    public Task EarlyReturnThenWrite_ReportsLazyInitialization()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Cache
            {
                private string? _value;

                Task<string> LoadAsync() => Task.FromResult("v");

                async Task<string> GetAsync()
                {
                    if ({|#1:_value|} is not null)
                    {
                        return _value;
                    }

                    var loaded = {|#2:await LoadAsync()|};
                    {|#0:_value = loaded|};
                    return loaded;
                }
            }
            """, LazyInitialization("_value", "await LoadAsync()"));

    [Fact]
    public Task ContainsKeyThenIndexerSetOnASharedPlainDictionary_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Cache
            {
                private readonly Dictionary<string, int> _map = new Dictionary<string, int>();

                Task<int> LoadAsync(string k) => Task.FromResult(k.Length);

                async Task EnsureAsync(string k)
                {
                    if (!{|#1:_map.ContainsKey(k)|})
                    {
                        var v = {|#2:await LoadAsync(k)|};
                        {|#0:_map[k] = v|};
                    }
                }
            }
            """, CheckThenAct("_map[k]", "await LoadAsync(k)"));

    [Fact]
    public Task ContainsKeyThenTryAddOnConcurrentDictionary_ReportsLazyInitialization()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Cache
            {
                private readonly ConcurrentDictionary<string, int> _map = new ConcurrentDictionary<string, int>();

                Task<int> LoadAsync(string k) => Task.FromResult(k.Length);

                async Task EnsureAsync(string k)
                {
                    if (!{|#1:_map.ContainsKey(k)|})
                    {
                        {|#0:_map.TryAdd(k, {|#2:await LoadAsync(k)|})|};
                    }
                }
            }
            """, LazyInitialization("_map", "await LoadAsync(k)"));

    [Fact]
    public Task MissingOrExpiredTicketRefreshed_ReportsLazyInitialization()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Ticket
            {
                public bool IsExpired => false;
            }

            class Client
            {
                private Ticket? _ticket;

                Task<Ticket> RequestTicketAsync() => Task.FromResult(new Ticket());

                async Task<Ticket> GetTicketAsync()
                {
                    if ({|#1:_ticket|} == null || _ticket.IsExpired)
                    {
                        {|#0:_ticket = {|#2:await RequestTicketAsync()|}|};
                    }

                    return _ticket;
                }
            }
            """, LazyInitialization("_ticket", "await RequestTicketAsync()"));

    [Fact]
    public Task NegatedPropertyPatternTest_ReportsLazyInitialization()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Session
            {
                public bool IsOpen { get; set; }
            }

            class Client
            {
                private Session? _session;

                Task<Session> FetchAsync() => Task.FromResult(new Session());

                async Task<Session> GetAsync()
                {
                    if ({|#1:_session|} is not { IsOpen: true })
                    {
                        {|#0:_session = {|#2:await FetchAsync()|}|};
                    }

                    return _session;
                }
            }
            """, LazyInitialization("_session", "await FetchAsync()"));

    [Fact]
    public Task FillOnMissWhileAnotherMemberRemovesEntries_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Cache
            {
                private readonly Dictionary<string, int> _map = new Dictionary<string, int>();

                Task<int> LoadAsync(string k) => Task.FromResult(k.Length);

                async Task<int> GetAsync(string k)
                {
                    if (!{|#1:_map.TryGetValue(k, out var value)|})
                    {
                        value = {|#2:await LoadAsync(k)|};
                        {|#0:_map[k] = value|};
                    }

                    return value;
                }

                public void Invalidate(string k) => _map.Remove(k);
            }
            """, CheckThenAct("_map[k]", "await LoadAsync(k)"));

    [Fact]
    public Task LazyFillOfAFieldAnotherMemberResets_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Settings
            {
                private string? _settings;

                Task<string> LoadAsync() => Task.FromResult("s");

                async Task<string> GetAsync()
                {
                    return {|#0:{|#1:_settings|} ??= {|#2:await LoadAsync()|}|};
                }

                public void Reset()
                {
                    _settings = null;
                }
            }
            """, CheckThenAct("_settings", "await LoadAsync()"));

    [Fact]
    public Task LazyFillOfADisposableConnectionInATypeWithALock_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Repository
            {
                private readonly object _sync = new object();
                private System.Data.Common.DbConnection? _connection;
                private int _uses;

                Task<System.Data.Common.DbConnection> OpenAsync() => throw new NotImplementedException();

                public void Use()
                {
                    lock (_sync)
                    {
                        _uses++;
                    }
                }

                async Task<System.Data.Common.DbConnection> GetConnectionAsync()
                {
                    if ({|#1:_connection|} == null)
                    {
                        {|#0:_connection = {|#2:await OpenAsync()|}|};
                    }

                    return _connection;
                }
            }
            """, CheckThenAct("_connection", "await OpenAsync()"));

    /// <summary>
    /// The disposable value makes the fill a check-then-act, not AWR003, and a warning even though nothing in the type
    /// shows concurrent use: a racer's connection leaks.
    /// </summary>
    [Fact]
    public Task LazyFillOfADisposableConnection_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Repository
            {
                private System.Data.Common.DbConnection? _connection;

                Task<System.Data.Common.DbConnection> OpenAsync() => throw new NotImplementedException();

                async Task<System.Data.Common.DbConnection> GetConnectionAsync()
                {
                    if ({|#1:_connection|} == null)
                    {
                        {|#0:_connection = {|#2:await OpenAsync()|}|};
                    }

                    return _connection;
                }
            }
            """, CheckThenAct("_connection", "await OpenAsync()"));

    [Fact]
    public Task OnceGuardThatThrowsOnItsOtherOutcome_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Adapter
            {
                public Task ConnectAsync() => Task.CompletedTask;
            }

            class Device
            {
                private Adapter? _adapter;

                Task<Adapter> CreateConnectedAsync() => Task.FromResult(new Adapter());

                async Task ConnectAsync()
                {
                    if ({|#1:_adapter|} != null)
                    {
                        throw new InvalidOperationException("Already connected.");
                    }

                    var adapter = {|#2:await CreateConnectedAsync()|};
                    {|#0:_adapter = adapter|};
                }
            }
            """, CheckThenAct("_adapter", "await CreateConnectedAsync()"));

    [Fact]
    public Task ConnectGuardStoringAnObjectConnectedAfterTheTest_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Adapter
            {
                public Task ConnectAsync() => Task.CompletedTask;
            }

            class Device
            {
                private Adapter? _adapter;

                async Task ConnectAsync()
                {
                    if ({|#1:_adapter|} != null)
                    {
                        throw new InvalidOperationException("Already connected.");
                    }

                    var adapter = new Adapter();
                    {|#2:await adapter.ConnectAsync()|};
                    {|#0:_adapter = adapter|};
                }
            }
            """, CheckThenAct("_adapter", "await adapter.ConnectAsync()"));

    [Fact]
    public Task RespondOnceFlagTestedInsideALock_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Interaction
            {
                private readonly object _sync = new object();

                public bool HasResponded { get; private set; }

                Task SendAsync(string text) => Task.CompletedTask;

                public async Task RespondAsync(string text)
                {
                    lock (_sync)
                    {
                        if ({|#1:HasResponded|})
                        {
                            throw new InvalidOperationException("Already responded.");
                        }
                    }

                    {|#2:await SendAsync(text)|};
                    {|#0:HasResponded = true|};
                }
            }
            """, CheckThenAct("HasResponded", "await SendAsync(text)"));

    [Fact]
    public Task LazyFillWhoseTestWasMadeUnderALock_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Cache
            {
                private readonly object _sync = new object();
                private string? _value;

                Task<string> LoadAsync() => Task.FromResult("v");

                async Task<string> GetAsync()
                {
                    bool missing;
                    lock (_sync)
                    {
                        missing = {|#1:_value|} == null;
                    }

                    if (missing)
                    {
                        {|#0:_value = {|#2:await LoadAsync()|}|};
                    }

                    return _value!;
                }
            }
            """, CheckThenAct("_value", "await LoadAsync()"));
}
