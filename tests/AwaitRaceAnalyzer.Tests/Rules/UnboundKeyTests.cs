using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// A collection keyed by a name that does not bind (a constant of a package the compilation lacks, a name being
/// typed): the element access and the collection call are invalid operations, but the collection binds, so the
/// analysis reads them as the bound code. The same name read and written is one element; two names are two.
/// </summary>
public class UnboundKeyTests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.Threading.Tasks;\n";

    private static DiagnosticResult Rule(string id, string state, string suspension)
        => Verify.Diagnostic(id).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    [Fact]
    public Task ElementReadAndWrittenUnderAnUnboundKey_IsALostUpdate()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class QueueAttributes
            {
                private readonly Dictionary<string, string> _attributes = new();

                public async Task AllowAsync(string topic)
                {
                    var policy = {|#1:_attributes[{|CS0103:AttributeNames|}.Policy]|};
                    {|#2:await Task.Delay(1)|};
                    {|#0:_attributes[{|CS0103:AttributeNames|}.Policy] = policy + topic|};
                }
            }
            """, Rule(DiagnosticIds.LostUpdate, "_attributes[AttributeNames.Policy]", "await Task.Delay(1)"));

    [Fact]
    public Task LookupWithAnUnboundKeyIntoAnOutVariable_IsALostUpdate()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class QueueAttributes
            {
                private readonly Dictionary<string, string> _attributes = new();

                public async Task AllowAsync(string topic)
                {
                    {|#1:_attributes.TryGetValue({|CS0103:AttributeNames|}.Policy, out var policy)|};
                    {|#2:await Task.Delay(1)|};
                    {|#0:_attributes[{|CS0103:AttributeNames|}.Policy] = policy + topic|};
                }
            }
            """, Rule(DiagnosticIds.LostUpdate, "_attributes[AttributeNames.Policy]", "await Task.Delay(1)"));

    [Fact]
    public Task DifferentUnboundKeys_AreDifferentElements()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class QueueAttributes
            {
                private readonly Dictionary<string, string> _attributes = new();

                public async Task AllowAsync(string topic)
                {
                    _attributes.TryGetValue({|CS0103:AttributeNames|}.Policy, out var policy);
                    await Task.Delay(1);
                    _attributes[{|CS0103:AttributeNames|}.Owner] = policy + topic;
                }
            }
            """);

    [Fact]
    public Task UnboundKeyWrittenBeforeAnyAwait_IsSilent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class QueueAttributes
            {
                private readonly Dictionary<string, string> _attributes = new();

                public async Task AllowAsync(string topic)
                {
                    _attributes.TryGetValue({|CS0103:AttributeNames|}.Policy, out var policy);
                    _attributes[{|CS0103:AttributeNames|}.Policy] = policy + topic;
                    await Task.Delay(1);
                }
            }
            """);

    [Fact]
    public Task UnboundKeyTestedThenAddedAfterAnAwait_IsACheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Registry
            {
                private static readonly Dictionary<string, string> Entries = new();

                public static async Task RegisterAsync(Func<Task<string>> load)
                {
                    if (!{|#1:Entries.ContainsKey({|CS0103:EntryNames|}.Main)|})
                    {
                        var value = {|#2:await load()|};
                        {|#0:Entries.Add({|CS0103:EntryNames|}.Main, value)|};
                    }
                }
            }
            """, Rule(DiagnosticIds.CheckThenAct, "Entries", "await load()"));
}
