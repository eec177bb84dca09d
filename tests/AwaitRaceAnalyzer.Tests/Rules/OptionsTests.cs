using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>Each <c>.editorconfig</c> option of the analysis, switched on and checked against the same code.</summary>
public class OptionsTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace App
        {
            class RequestState { public int Retries; }

            class Service
            {
                private static int s_total;
                private int _count;
                public int Hits { get; set; }
                private readonly int[] _buckets = new int[4];
                private readonly RequestState _state = new RequestState();

                async Task FieldAsync() { var c = _count; await Task.Yield(); {|#0:_count = c + 1|}; }
                async Task PropertyAsync() { var h = Hits; await Task.Yield(); {|#1:Hits = h + 1|}; }
                async Task StaticAsync() { var t = s_total; await Task.Yield(); {|#2:s_total = t + 1|}; }
                async Task ElementAsync() { var b = _buckets[0]; await Task.Yield(); {|#3:_buckets[0] = b + 1|}; }
                async Task IgnoredTypeAsync() { var r = _state.Retries; await Task.Yield(); {|#4:_state.Retries = r + 1|}; }
                Task CapturedAsync()
                {
                    var n = 0;
                    Func<Task> f = async () => { var c = n; await Task.Yield(); {|#5:n = c + 1|}; };
                    return f();
                }
            }
        }
        """;

    private static readonly string[] StateAt = { "_count", "Hits", "s_total", "_buckets[0]", "_state.Retries", "n" };

    private static DiagnosticResult At(int marker)
        => Verify.Diagnostic(DiagnosticIds.LostUpdate)
            .WithLocation(marker)
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments(StateAt[marker], "await Task.Yield()", string.Empty);

    private static Task VerifyWithEditorConfig(string source, string editorconfig, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*]\n" + editorconfig));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult[] All(params int[] markers) => markers.Select(At).ToArray();

    [Fact]
    public Task Defaults_ReportEveryKindOfState()
        => VerifyWithEditorConfig(Source, "", All(0, 1, 2, 3, 4, 5));

    [Fact]
    public Task SharedState_FieldsOnly_LeavesOutPropertiesStaticsElementsAndCapturedVariables()
        => VerifyWithEditorConfig(Source, "await_race.shared_state = fields\n", All(0, 4));

    [Fact]
    public Task SharedState_WithoutProperties()
        => VerifyWithEditorConfig(Source, "await_race.shared_state = fields, statics, captured_variables, elements\n", All(0, 2, 3, 4, 5));

    [Fact]
    public Task SharedState_IsCaseInsensitiveAndTolerantOfSpaces()
        => VerifyWithEditorConfig(Source, "await_race.shared_state =  Properties ,CAPTURED_VARIABLES\n", All(1, 5));

    [Fact]
    public Task IgnoredTypes_MembersOfThatTypeAreNotShared()
        => VerifyWithEditorConfig(Source, "await_race.ignored_types = App.RequestState\n", All(0, 1, 2, 3, 5));

    [Fact]
    public Task MaxBlocks_BodiesOverTheCapAreSkipped()
        => VerifyWithEditorConfig(Source, "await_race.max_blocks = 2\n");

    [Fact]
    public Task LockMethods_AnExtraMethodReturningAHandleIsRecognised()
    {
        const string Locked = """
            using System;
            using System.Threading.Tasks;

            class Lease { public Task<IDisposable> TakeLeaseAsync() => Task.FromResult<IDisposable>(null!); }

            class Counter
            {
                private readonly Lease _lease = new Lease();
                private int _count;

                async Task IncrementAsync()
                {
                    using (await _lease.TakeLeaseAsync())
                    {
                        var c = _count;
                        await Task.Yield();
                        {|#0:_count = c + 1|};
                    }
                }
            }
            """;
        return Task.WhenAll(
            VerifyWithEditorConfig(Locked, "", At(0)),
            VerifyWithEditorConfig(Locked, "await_race.lock_methods = Lease.TakeLeaseAsync\n"),
            VerifyWithEditorConfig(Locked, "await_race.lock_methods = TakeLeaseAsync\n"));
    }
}
