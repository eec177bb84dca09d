using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// Shapes that are safe by design and get no diagnostic, each next to the nearby variant that is a bug and stays
/// reported: one-way disposal flags, save/override/restore, single-flow and per-request types, cleanup writes.
/// </summary>
public class SilentByDesignTests
{
    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks; using System.Collections.Generic;\n";

    private static DiagnosticResult LostUpdate(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    private static DiagnosticResult CheckThenAct(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    /// <summary>The same shape where the code shows no sign of concurrent use: AWR102, the same locations.</summary>
    private static DiagnosticResult Advisory(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    [Fact]
    public Task OneWayFlagSetInDisposeAsync_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Client : IAsyncDisposable
            {
                private readonly IAsyncDisposable _inner = null!;
                private bool _disposed;

                public async ValueTask DisposeAsync()
                {
                    if (_disposed)
                    {
                        return;
                    }

                    await _inner.DisposeAsync();
                    _disposed = true;
                }
            }
            """);

    [Fact]
    public Task SameFlagSetInAStartMethod_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Client
            {
                private bool _started;

                Task ConnectAsync() => Task.CompletedTask;

                public async Task StartAsync()
                {
                    if ({|#1:_started|})
                    {
                        return;
                    }

                    {|#2:await ConnectAsync()|};
                    {|#0:_started = true|};
                }
            }
            """, Advisory("_started", "await ConnectAsync()"));

    [Fact]
    public Task SaveOverrideAwaitRestore_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Context
            {
                public CancellationToken Token { get; set; }
            }

            class Middleware
            {
                async Task InvokeAsync(Context context, Func<Context, Task> next, CancellationToken linked)
                {
                    var saved = context.Token;
                    context.Token = linked;
                    try
                    {
                        await next(context);
                    }
                    finally
                    {
                        context.Token = saved;
                    }
                }
            }
            """);

    [Fact]
    public Task SaveAwaitRestoreWithoutOwnOverride_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Context
            {
                public CancellationToken Token { get; set; }
            }

            class Middleware
            {
                async Task InvokeAsync(Context context, Func<Context, Task> next)
                {
                    var saved = {|#1:context.Token|};
                    {|#2:await next(context)|};
                    {|#0:context.Token = saved|};
                }
            }
            """, LostUpdate("context.Token", "await next(context)"));

    [Fact]
    public Task StateOfAnAsyncEnumeratorInItsOwnMembers_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Pager : IAsyncEnumerator<int>
            {
                private int _page;

                public int Current => _page;

                public async ValueTask<bool> MoveNextAsync()
                {
                    var page = _page;
                    await Task.Yield();
                    _page = page + 1;
                    return true;
                }

                public ValueTask DisposeAsync() => default;
            }
            """);

    [Fact]
    public Task SameStateInAnOrdinaryClass_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Pager
            {
                private int _page;

                public async ValueTask<bool> MoveNextAsync()
                {
                    var page = {|#1:_page|};
                    {|#2:await Task.Yield()|};
                    {|#0:_page = page + 1|};
                    return true;
                }
            }
            """, LostUpdate("_page", "await Task.Yield()"));

    [Fact]
    public Task InstanceStateOfAControllerCreatedPerRequest_NoDiagnostic_StaticStateReports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            namespace Microsoft.AspNetCore.Mvc
            {
                public abstract class ControllerBase { }
            }

            class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                private static int s_served;
                private int _items;

                Task<int> CountAsync() => Task.FromResult(1);

                public async Task<int> GetAsync()
                {
                    var items = _items;
                    _items = items + await CountAsync();

                    var served = {|#1:s_served|};
                    {|#2:await Task.Yield()|};
                    {|#0:s_served = served + 1|};
                    return _items;
                }
            }
            """, LostUpdate("s_served", "await Task.Yield()"));

    [Fact]
    public Task ClearingTheTestedStateAfterDisposingIt_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Poller
            {
                private IAsyncDisposable? _timer;

                public async Task StopAsync()
                {
                    if (_timer != null)
                    {
                        await _timer.DisposeAsync();
                        _timer = null;
                    }
                }
            }
            """);

    [Fact]
    public Task SettingAConnectedFlagAfterTheSameTest_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Link
            {
                private bool _connected;

                Task ConnectCoreAsync() => Task.CompletedTask;

                public async Task ConnectAsync()
                {
                    if (!{|#1:_connected|})
                    {
                        {|#2:await ConnectCoreAsync()|};
                        {|#0:_connected = true|};
                    }
                }
            }
            """, Advisory("_connected", "await ConnectCoreAsync()"));

    [Fact]
    public Task ClosingTheStreamInACatchThatRethrows_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Connection
            {
                private IAsyncDisposable? _stream;

                Task<string> ReadLineAsync() => Task.FromResult("");

                async Task<string> GetReplyAsync()
                {
                    try
                    {
                        return await ReadLineAsync();
                    }
                    catch (Exception)
                    {
                        if (_stream != null)
                        {
                            await _stream.DisposeAsync();
                            _stream = null;
                        }

                        throw;
                    }
                }
            }
            """);

    [Fact]
    public Task StreamsOwnInstanceStateAcrossAnAwait_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class CountingStream : System.IO.MemoryStream
            {
                private long _counted;

                Task<int> FillAsync() => Task.FromResult(1);

                public async Task CountAsync()
                {
                    var counted = _counted;
                    var read = await FillAsync();
                    _counted = counted + read;
                }
            }
            """);

    [Fact]
    public Task StaticStateOfAStreamAcrossAnAwait_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class CountingStream : System.IO.MemoryStream
            {
                private static long s_counted;

                Task<int> FillAsync() => Task.FromResult(1);

                public async Task CountAsync()
                {
                    var counted = {|#1:s_counted|};
                    var read = {|#2:await FillAsync()|};
                    {|#0:s_counted = counted + read|};
                }
            }
            """, LostUpdate("s_counted", "await FillAsync()"));

    /// <summary>
    /// The base type's private field of the same name is out of reach here, so the name means the outer type's static
    /// field: a name declared around the single-flow type is kept even when that type's chain has it too.
    /// </summary>
    [Fact]
    public Task OuterTypesStateNamedLikeAnUnreachableFieldOfASingleFlowBase_Reports()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """
                class Channel
                {
                    private long _counted;

                    public long Counted => _counted;
                }

                class Totals
                {
                    private static long _counted;

                    class CountingChannel : Channel
                    {
                        Task<int> FillAsync() => Task.FromResult(1);

                        public async Task CountAsync()
                        {
                            var counted = {|#1:_counted|};
                            var read = {|#2:await FillAsync()|};
                            {|#0:_counted = counted + read|};
                        }
                    }
                }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*]\nawait_race.ignored_types = Channel\n"));
        test.ExpectedDiagnostics.Add(LostUpdate("_counted", "await FillAsync()"));
        return test.RunAsync();
    }

    [Fact]
    public Task OuterTypesStateFromATypeNestedInAStream_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Totals
            {
                private static long _counted;

                class CountingStream : System.IO.MemoryStream
                {
                    Task<int> FillAsync() => Task.FromResult(1);

                    public async Task CountAsync()
                    {
                        var counted = {|#1:_counted|};
                        var read = {|#2:await FillAsync()|};
                        {|#0:_counted = counted + read|};
                    }
                }
            }
            """, LostUpdate("_counted", "await FillAsync()"));
}
