using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// A test made before an await that only some paths take (<c>if (slow) await …;</c>) is stale on those paths: the
/// check-then-act is reported. A test of its own after the await (a re-check) still protects the write.
/// </summary>
public class ConditionalAwaitTests
{
    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks;\n";

    [Fact]
    public Task TestBeforeAnAwaitOnSomePaths_IsACheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public class Gate
            {
                private static int s_opened;
                private bool _open;

                public async Task OpenAsync(bool slow)
                {
                    if ({|#1:_open|})
                    {
                        return;
                    }

                    if (slow)
                    {
                        {|#2:await Task.Delay(10)|};
                    }

                    {|#0:_open = true|};
                    Interlocked.Increment(ref s_opened);
                }
            }
            """, Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("_open", "await Task.Delay(10)", string.Empty));

    [Fact]
    public Task TestRepeatedAfterTheConditionalAwait_IsSilent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public class Gate
            {
                private static int s_opened;
                private bool _open;

                public async Task OpenAsync(bool slow)
                {
                    if (_open)
                    {
                        return;
                    }

                    if (slow)
                    {
                        await Task.Delay(10);
                    }

                    if (!_open)
                    {
                        _open = true;
                        Interlocked.Increment(ref s_opened);
                    }
                }
            }
            """);
}
