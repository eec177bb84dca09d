using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Filters;

/// <summary>
/// The syntax pre-filter tells a member written through one variable of the block from the same member read through
/// another (or through this), as the analysis does; every other pair of receivers may be the same state: this and a
/// bare name, a type name and a bare static, a field and this.field. Debug builds (these tests) throw if the names
/// rule out a block the operation filter keeps.
/// </summary>
public class NameReceiverTests
{
    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks; using System.Collections.Generic;\n";

    /// <summary>The write at #0, the stale read at #1, the suspension point at #2.</summary>
    private static DiagnosticResult LostUpdate(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    [Fact]
    public Task SameMemberCopiedBetweenTwoVariablesAcrossAnAwait_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Profile
            {
                public string Host = "";
                public int Port;
            }

            class Copier
            {
                Task<Profile> CloneAsync(Profile source) => Task.FromResult(new Profile());

                async Task<Profile> CopyAsync(Profile source)
                {
                    var copy = await CloneAsync(source);
                    copy.Host = source.Host;
                    await Task.Delay(1);
                    copy.Port = source.Port + 1;
                    return copy;
                }
            }
            """);

    [Fact]
    public Task StaticReadBareWrittenThroughTheTypeName_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private static int s_total;

                static async Task IncrementAsync()
                {
                    var current = {|#1:s_total|};
                    {|#2:await Task.Delay(1)|};
                    {|#0:Counter.s_total = current + 1|};
                }
            }
            """, LostUpdate("Counter.s_total", "await Task.Delay(1)"));

    [Fact]
    public Task FieldOfAFieldReadThroughThisWrittenBare_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Totals
            {
                public int Count;
            }

            class Counter
            {
                private readonly Totals _totals = new Totals();

                async Task IncrementAsync()
                {
                    var current = {|#1:this._totals.Count|};
                    {|#2:await Task.Delay(1)|};
                    {|#0:_totals.Count = current + 1|};
                }
            }
            """, LostUpdate("_totals.Count", "await Task.Delay(1)"));

    [Fact]
    public Task SameVariablesMemberReadAndWritten_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Totals
            {
                public int Count;
            }

            class Counter
            {
                static async Task IncrementAsync(Totals totals)
                {
                    var current = {|#1:totals.Count|};
                    {|#2:await Task.Delay(1)|};
                    {|#0:totals.Count = current + 1|};
                }
            }
            """, LostUpdate("totals.Count", "await Task.Delay(1)"));
}
