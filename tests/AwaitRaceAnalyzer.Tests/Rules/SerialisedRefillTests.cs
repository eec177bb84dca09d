using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// A fill of missing state whose first await after the test takes a lock that is held until the store: a caller that
/// passed the test meanwhile waits, then loads again after the earlier store. Serialised, it loses nothing, so it is
/// silent; the variants where a repeated run does harm (an <c>Add</c>, a disposable value, an awaited action) or where
/// the lock does not cover the load stay reported.
/// </summary>
public class SerialisedRefillTests
{
    private const string Usings = "using System; using System.Linq; using System.Threading; using System.Threading.Tasks; using System.Collections.Generic; using System.Collections.Concurrent;\n";

    private static DiagnosticResult Rule(string id, string state, string suspension)
        => Verify.Diagnostic(id).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    /// <summary>The store's source; with <paramref name="marked"/>, the test at #1 and the lock's await at #2.</summary>
    private static string Secrets(string load, string store, bool marked) => Usings + $$"""
        class Secrets : IDisposable { public string Key = ""; public void Dispose() { } }

        class SecretStore
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
            private readonly Dictionary<string, string> _byName = new();
            private string? _master;

            Task<string> LoadMasterAsync() => Task.FromResult("k");
            Task<string> CreateMasterAsync() => Task.FromResult("k");
            Task PersistAsync(string key) => Task.CompletedTask;

            public async Task<string?> MasterAsync(string name)
            {
                if ({{(marked ? "{|#1:_master|}" : "_master")}} == null)
                {
                    {{(marked ? "{|#2:await _gate.WaitAsync()|}" : "await _gate.WaitAsync()")}};
                    try
                    {
                        {{load}}
                        {{store}}
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                return _master;
            }
        }
        """;

    [Theory]
    [InlineData("var key = await LoadMasterAsync(); await PersistAsync(key);", "_master = key;")]
    [InlineData("var key = await LoadMasterAsync();", "_master = key.Trim();")]
    [InlineData("var key = await LoadMasterAsync();", "_byName[name] = key; _master = key;")]
    public Task FillUnderALockTakenAfterTheTest_IsSilent(string load, string store)
        => Verify.VerifyAnalyzerAsync(Secrets(load, store, marked: false));

    [Theory]
    [InlineData("using (await _lock.LockAsync()) { _master = await LoadMasterAsync(); }")]
    [InlineData("using var held = await _lock.LockAsync(); _master = await LoadMasterAsync();")]
    public Task FillUnderAnAsyncLockHandleTakenAfterTheTest_IsSilent(string section)
        => Verify.VerifyAnalyzerAsync(Usings + $$"""
            class AsyncLock { public Task<IDisposable> LockAsync() => Task.FromResult<IDisposable>(null!); }

            class SecretStore
            {
                private readonly AsyncLock _lock = new AsyncLock();
                private string? _master;

                Task<string> LoadMasterAsync() => Task.FromResult("k");

                public async Task<string?> MasterAsync()
                {
                    if (_master == null)
                    {
                        {{section}}
                    }

                    return _master;
                }
            }
            """);

    [Fact]
    public Task SectionThatCreatesWhatItStores_IsReported()
        => Verify.VerifyAnalyzerAsync(
            Secrets("var key = await CreateMasterAsync();", "{|#0:_master = key|};", marked: true),
            Rule(DiagnosticIds.CheckThenAct, "_master", "await _gate.WaitAsync()"));

    [Fact]
    public Task AddUnderALockTakenAfterATestOfAnotherState_IsReported()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Registry
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private readonly Dictionary<string, string> _byName = new();

                Task<string> LoadAsync(string name) => Task.FromResult(name);

                public async Task EnsureAsync(string name)
                {
                    if (!{|#1:_byName.ContainsKey(name)|})
                    {
                        {|#2:await _gate.WaitAsync()|};
                        try
                        {
                            var value = await LoadAsync(name);
                            {|#0:_byName.Add(name, value)|};
                        }
                        finally
                        {
                            _gate.Release();
                        }
                    }
                }
            }
            """, Rule(DiagnosticIds.CheckThenAct, "_byName", "await _gate.WaitAsync()"));

    [Fact]
    public Task DisposableFilledUnderALockTakenAfterTheTest_IsReported()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Session : IDisposable { public void Dispose() { } }

            class Pool
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private Session? _session;

                Task<Session> OpenSessionAsync() => Task.FromResult(new Session());

                public async Task<Session?> SessionAsync()
                {
                    if ({|#1:_session|} == null)
                    {
                        {|#2:await _gate.WaitAsync()|};
                        try
                        {
                            var session = await OpenSessionAsync();
                            {|#0:_session = session|};
                        }
                        finally
                        {
                            _gate.Release();
                        }
                    }

                    return _session;
                }
            }
            """, Rule(DiagnosticIds.CheckThenAct, "_session", "await _gate.WaitAsync()"));

    [Fact]
    public Task LoadBeforeTheLockIsTaken_IsReported()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class SecretStore
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private string? _master;

                Task<string> LoadMasterAsync() => Task.FromResult("k");

                public async Task<string?> MasterAsync()
                {
                    if ({|#1:_master|} == null)
                    {
                        var key = {|#2:await LoadMasterAsync()|};
                        await _gate.WaitAsync();
                        try
                        {
                            {|#0:_master = key|};
                        }
                        finally
                        {
                            _gate.Release();
                        }
                    }

                    return _master;
                }
            }
            """, Rule(DiagnosticIds.CheckThenAct, "_master", "await LoadMasterAsync()"));

    [Fact]
    public Task TextTestedWithIsNullOrWhiteSpace_IsALazyFill()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Request { public string? FileName { get; set; } }

            class Downloader
            {
                private readonly object _sync = new object();
                private int _active;

                Task<string> NameFromServerAsync(Request request) => Task.FromResult("file");

                public void Track() { lock (_sync) { _active++; } }

                public async Task<string> FileNameAsync(Request request)
                {
                    if (!string.IsNullOrWhiteSpace({|#1:request.FileName|}))
                    {
                        return request.FileName!;
                    }

                    var name = {|#2:await NameFromServerAsync(request)|};
                    {|#0:request.FileName = name|};
                    return name;
                }
            }
            """, Rule(DiagnosticIds.LazyInitialization, "request.FileName", "await NameFromServerAsync(request)"));
}
