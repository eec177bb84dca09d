using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// AWR002: a write of shared state guarded by a test of that state made before a suspension point (AWR102 where the
/// code shows no sign of concurrent use; both sides of every sign are in <see cref="AWR102AdvisoryCheckThenActAnalyzerTests"/>).
/// </summary>
public class AWR002CheckThenActAnalyzerTests
{
    /// <summary>The write at #0, the stale test at #1, the suspension point at #2.</summary>
    private static DiagnosticResult CheckThenAct(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    /// <summary>The same shape where the code shows no sign of concurrent use: AWR102, the same locations.</summary>
    private static DiagnosticResult Advisory(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks; using System.Collections.Generic; using System.Collections.Concurrent;\n";

    [Fact]
    public Task ContainsKeyThenAddIntoASharedPlainDictionary_InATypeWithNoOtherSign_ReportsCheckThenAct()
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
                        {|#0:_map.Add(k, v)|};
                    }
                }
            }
            """, CheckThenAct("_map", "await LoadAsync(k)"));

    [Fact]
    public Task BoundCheckThenIncrement_InATypeWithNoSignOfConcurrentUse_ReportsAdvisory()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Limiter
            {
                private const int Max = 10;
                private int _count;

                Task F() => Task.CompletedTask;

                async Task EnterAsync()
                {
                    if ({|#1:_count|} < Max)
                    {
                        {|#2:await F()|};
                        {|#0:_count++|};
                    }
                }
            }
            """, Advisory("_count", "await F()"));

    [Fact]
    public Task CheckOfCapturedLocal_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Program
            {
                static Task RunAsync()
                {
                    string? shared = null;
                    Func<Task> init = async () =>
                    {
                        if ({|#1:shared|} == null)
                        {
                            {|#2:await Task.Yield()|};
                            {|#0:shared = "ready"|};
                        }
                    };
                    return Task.WhenAll(init(), init());
                }
            }
            """, CheckThenAct("shared", "await Task.Yield()"));

    [Fact]
    public Task DoubleCheckedAfterAwait_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Cache
            {
                private object? _x;

                Task<object> Create() => Task.FromResult(new object());

                async Task EnsureAsync()
                {
                    if (_x == null)
                    {
                        var t = await Create();
                        if (_x == null)
                        {
                            _x = t;
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task WriteAfterTheIfEnds_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Flags
            {
                private int _count;
                private bool _seen;

                Task F() => Task.CompletedTask;

                async Task TouchAsync()
                {
                    if (_count > 0)
                    {
                        _seen = true;
                    }

                    await F();
                    _count = 5;
                }
            }
            """);

    [Fact]
    public Task StateClaimedBeforeTheAwait_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Worker
            {
                private bool _running;

                Task WorkAsync() => Task.CompletedTask;

                async Task RunOnceAsync()
                {
                    if (!_running)
                    {
                        _running = true;
                        await WorkAsync();
                        _running = false;
                    }
                }
            }
            """);

    [Fact]
    public Task CheckAndWriteUnderSemaphore_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Cache
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private object? _cache;

                Task<object> LoadAsync() => Task.FromResult(new object());

                async Task<object> GetAsync(CancellationToken cancellationToken)
                {
                    await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        if (_cache == null)
                        {
                            _cache = await LoadAsync().ConfigureAwait(false);
                        }

                        return _cache;
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            }
            """);
}
