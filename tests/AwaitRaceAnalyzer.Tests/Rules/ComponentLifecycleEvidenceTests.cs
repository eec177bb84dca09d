using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// Blazor's renderer calls a component's SetParametersAsync, OnParametersSetAsync and OnAfterRenderAsync again before
/// an earlier call's task has finished: their overrides, and what they call on the component, run concurrently on one
/// component. A check-then-act there is AWR002 with that evidence; OnInitializedAsync (once per component), a
/// method the lifecycle does not reach and a look-alike outside ComponentBase stay AWR102.
/// </summary>
public class ComponentLifecycleEvidenceTests
{
    private const string Usings = "using System; using System.Threading.Tasks;\n";

    /// <summary>The framework's base class, as declared by Microsoft.AspNetCore.Components.</summary>
    private const string Framework = """
        namespace Microsoft.AspNetCore.Components
        {
            public readonly struct ParameterView { }

            public abstract class ComponentBase
            {
                public virtual Task SetParametersAsync(ParameterView parameters) => Task.CompletedTask;
                protected virtual Task OnInitializedAsync() => Task.CompletedTask;
                protected virtual Task OnParametersSetAsync() => Task.CompletedTask;
                protected virtual Task OnAfterRenderAsync(bool firstRender) => Task.CompletedTask;
            }
        }

        """;

    private static string Component(string method, string baseType = "Microsoft.AspNetCore.Components.ComponentBase", string extra = "") => $$"""
        public class Uploader : {{baseType}}
        {
            private bool _attached;

            Task AttachAsync() => Task.CompletedTask;

            {{method}}
            {
                if ({|#1:_attached|})
                {
                    return;
                }

                {|#2:await AttachAsync()|};
                {|#0:_attached = true|};
            }
            {{extra}}
        }
        """;

    private static DiagnosticResult Promoted(string evidence)
        => Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("_attached", "await AttachAsync()", evidence);

    private static DiagnosticResult Advisory()
        => Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("_attached", "await AttachAsync()", string.Empty);

    [Theory]
    [InlineData("protected override async Task OnAfterRenderAsync(bool firstRender)", "OnAfterRenderAsync")]
    [InlineData("protected override async Task OnParametersSetAsync()", "OnParametersSetAsync")]
    [InlineData("public override async Task SetParametersAsync(Microsoft.AspNetCore.Components.ParameterView parameters)", "SetParametersAsync")]
    public Task LifecycleOverrideTheRendererReenters_PromotesWithEvidence(string method, string name)
        => Verify.VerifyAnalyzerAsync(Usings + Framework + Component(method),
            Promoted($"; {name} runs concurrently on one Uploader (the Blazor renderer calls {name} again before an earlier call has finished)"));

    [Fact]
    public Task HelperCalledFromALifecycleOverride_PromotesThroughIt()
        => Verify.VerifyAnalyzerAsync(Usings + Framework + Component(
                "private async Task AttachOnceAsync()",
                extra: "protected override Task OnAfterRenderAsync(bool firstRender) => AttachOnceAsync();"),
            Promoted("; AttachOnceAsync runs concurrently on one Uploader (the Blazor renderer calls OnAfterRenderAsync again before an earlier call has finished, through OnAfterRenderAsync)"));

    [Fact]
    public Task OverrideOfAnIntermediateComponentBase_Promotes()
        => Verify.VerifyAnalyzerAsync(Usings + Framework + "public abstract class AppComponent : Microsoft.AspNetCore.Components.ComponentBase { }\n"
            + Component("protected override async Task OnParametersSetAsync()", baseType: "AppComponent"),
            Promoted("; OnParametersSetAsync runs concurrently on one Uploader (the Blazor renderer calls OnParametersSetAsync again before an earlier call has finished)"));

    /// <summary>An OnAfterRenderAsync whose check-then-act runs under a condition on its firstRender parameter.</summary>
    private static string GuardedAfterRender(string guard, string extra = "") => $$"""
        public class Uploader : Microsoft.AspNetCore.Components.ComponentBase
        {
            private readonly bool _visible = true;
            private bool _attached;

            Task AttachAsync() => Task.CompletedTask;

            protected override async Task OnAfterRenderAsync(bool firstRender)
            {
                {{guard}}
                {
                    if ({|#1:_attached|})
                    {
                        return;
                    }

                    {|#2:await AttachAsync()|};
                    {|#0:_attached = true|};
                }
            }
            {{extra}}
        }
        """;

    [Theory]
    [InlineData("if (firstRender)")]
    [InlineData("if (firstRender && _visible)")]
    [InlineData("if (!firstRender) return;")]
    public Task CheckThenActOnlyOnTheFirstRender_StaysAdvisory(string guard)
        => Verify.VerifyAnalyzerAsync(Usings + Framework + GuardedAfterRender(guard), Advisory());

    [Fact]
    public Task CheckThenActOnFirstOrLaterRenders_Promotes()
        => Verify.VerifyAnalyzerAsync(Usings + Framework + GuardedAfterRender("if (firstRender || _visible)"),
            Promoted("; OnAfterRenderAsync runs concurrently on one Uploader (the Blazor renderer calls OnAfterRenderAsync again before an earlier call has finished)"));

    [Fact]
    public Task HelperCalledOnlyOnTheFirstRender_StaysAdvisory()
        => Verify.VerifyAnalyzerAsync(Usings + Framework + Component(
                "private async Task AttachOnceAsync()",
                extra: "protected override async Task OnAfterRenderAsync(bool firstRender) { if (firstRender) { await AttachOnceAsync(); } }"),
            Advisory());

    /// <summary>A lifecycle override that builds a delegate holding the check-then-act.</summary>
    private static string DelegateBuiltOnParametersSet(string use) => $$"""
        public class Uploader : Microsoft.AspNetCore.Components.ComponentBase
        {
            private bool _attached;

            public Func<Task>? Provider { get; set; }

            Task AttachAsync() => Task.CompletedTask;

            protected override async Task OnParametersSetAsync()
            {
                Func<Task> attach = async () =>
                {
                    if ({|#1:_attached|})
                    {
                        return;
                    }

                    {|#2:await AttachAsync()|};
                    {|#0:_attached = true|};
                };
                {{use}}
            }
        }
        """;

    [Fact]
    public Task DelegateStoredInAProperty_IsNotRunByTheLifecycle_StaysAdvisory()
        => Verify.VerifyAnalyzerAsync(
            Usings + Framework + DelegateBuiltOnParametersSet("await Task.Yield();").Replace("Func<Task> attach = async () =>", "Provider = async () =>"),
            Advisory());

    [Fact]
    public Task DelegateRunByTheLifecycle_Promotes()
        => Verify.VerifyAnalyzerAsync(Usings + Framework + DelegateBuiltOnParametersSet("await attach();"),
            Promoted("; OnParametersSetAsync runs concurrently on one Uploader (the Blazor renderer calls OnParametersSetAsync again before an earlier call has finished)"));

    [Fact]
    public Task OnInitializedAsync_RunsOncePerComponent_StaysAdvisory()
        => Verify.VerifyAnalyzerAsync(Usings + Framework + Component("protected override async Task OnInitializedAsync()"), Advisory());

    [Fact]
    public Task ComponentMethodTheLifecycleDoesNotReach_StaysAdvisory()
        => Verify.VerifyAnalyzerAsync(Usings + Framework + Component(
                "public async Task AttachOnceAsync()",
                extra: "protected override Task OnAfterRenderAsync(bool firstRender) => Task.CompletedTask;"),
            Advisory());

    [Fact]
    public Task LookAlikeOutsideComponentBase_StaysAdvisory()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public abstract class Widget
            {
                protected virtual Task OnAfterRenderAsync(bool firstRender) => Task.CompletedTask;
            }

            """ + Component("protected override async Task OnAfterRenderAsync(bool firstRender)", baseType: "Widget"), Advisory());
}
