using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// Ownership as counter-evidence: when every object of an internal type is created into a local and used one awaited
/// call at a time, a lost update of its own state is AWR101 and a check-then-act that only a weak sign made a warning
/// is AWR102. Each next to the use that shares the object (stored, passed on, run concurrently) and keeps the warning.
/// </summary>
public class OwnershipTests
{
    private const string Usings = "using System; using System.Linq; using System.Threading; using System.Threading.Tasks; using System.Collections.Generic;\n";

    private const string Walker = """
        internal sealed class PageWalker
        {
            private int _page;

            Task LoadAsync(int page) => Task.CompletedTask;

            public async Task NextAsync()
            {
                var current = {|#1:_page|};
                {|#2:await LoadAsync(current)|};
                {|#0:_page = current + 1|};
            }
        }

        """;

    private static DiagnosticResult Walk(string id)
        => Verify.Diagnostic(id).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("_page", "await LoadAsync(current)", string.Empty);

    [Fact]
    public Task EveryInstanceOwnedByTheFlowThatCreatesIt_LostUpdateIsAdvisory()
        => Verify.VerifyAnalyzerAsync(Usings + Walker + """
            internal static class Report
            {
                public static async Task PrintAsync()
                {
                    var walker = new PageWalker();
                    await walker.NextAsync();
                    await walker.NextAsync().ConfigureAwait(false);
                }
            }
            """, Walk(DiagnosticIds.AdvisoryLostUpdate));

    [Theory]
    [InlineData("var walker = new PageWalker(); await walker.NextAsync(); Keep(walker);")]
    [InlineData("_shared = new PageWalker(); await _shared.NextAsync();")]
    [InlineData("var walker = new PageWalker(); walker.NextAsync(); await walker.NextAsync();")]
    public Task AnInstanceSharedOrCalledWithoutAwait_StaysLostUpdate(string use)
        => Verify.VerifyAnalyzerAsync(Usings + Walker + $$"""
            internal sealed class Report
            {
                private PageWalker? _shared;

                static void Keep(object o) { }

                public async Task PrintAsync()
                {
                    {{use}}
                }
            }
            """, Walk(DiagnosticIds.LostUpdate));

    [Fact]
    public Task PublicTypeCreatableOutsideTheCompilation_StaysLostUpdate()
        => Verify.VerifyAnalyzerAsync(Usings + Walker.Replace("internal sealed class", "public sealed class") + """
            internal static class Report
            {
                public static async Task PrintAsync()
                {
                    var walker = new PageWalker();
                    await walker.NextAsync();
                }
            }
            """, Walk(DiagnosticIds.LostUpdate));

    [Fact]
    public Task TypeThatHandsOutThis_StaysLostUpdate()
        => Verify.VerifyAnalyzerAsync(Usings + Walker.Replace("private int _page;", "private int _page; public static readonly List<object> All = new(); public PageWalker() { All.Add(this); }") + """
            internal static class Report
            {
                public static async Task PrintAsync()
                {
                    var walker = new PageWalker();
                    await walker.NextAsync();
                }
            }
            """, Walk(DiagnosticIds.LostUpdate));

    [Fact]
    public Task OwnedButRunConcurrently_EvidenceWins()
        => Verify.VerifyAnalyzerAsync(Usings + Walker + """
            internal static class Report
            {
                public static async Task PrintAsync()
                {
                    var walker = new PageWalker();
                    await {|#3:Task.WhenAll(walker.NextAsync(), walker.NextAsync())|};
                }
            }
            """, Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
                .WithArguments("_page", "await LoadAsync(current)", "; NextAsync runs concurrently on one PageWalker (Task.WhenAll in Report.PrintAsync)"));

    /// <summary>A per-request object whose method returns false on a failed check: a once-guard, a weak sign.</summary>
    private const string Request = """
        internal sealed class UploadRequest
        {
            private bool _sent;

            Task SendAsync() => Task.CompletedTask;

            public async Task<bool> TrySendAsync()
            {
                if ({|#1:_sent|})
                {
                    return false;
                }

                {|#2:await SendAsync()|};
                {|#0:_sent = true|};
                return true;
            }
        }

        """;

    private static DiagnosticResult Send(string id)
        => Verify.Diagnostic(id).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("_sent", "await SendAsync()", string.Empty);

    [Fact]
    public Task WeakSignOnAnOwnedObject_CheckThenActIsAdvisory()
        => Verify.VerifyAnalyzerAsync(Usings + Request + """
            internal static class Handler
            {
                public static async Task HandleAsync()
                {
                    var request = new UploadRequest();
                    await request.TrySendAsync();
                }
            }
            """, Send(DiagnosticIds.AdvisoryCheckThenAct));

    [Fact]
    public Task WeakSignOnASharedObject_StaysCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + Request + """
            internal sealed class Handler
            {
                private readonly UploadRequest _request = new UploadRequest();

                public Task HandleAsync() => _request.TrySendAsync();
            }
            """, Send(DiagnosticIds.CheckThenAct));

    [Fact]
    public Task StrongSignOnAnOwnedObject_StaysCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + Request.Replace("return false;", "throw new InvalidOperationException();") + """
            internal static class Handler
            {
                public static async Task HandleAsync()
                {
                    var request = new UploadRequest();
                    await request.TrySendAsync();
                }
            }
            """, Send(DiagnosticIds.CheckThenAct));
}
