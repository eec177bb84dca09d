using AwaitRaceAnalyzer.Flow;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>A rule judged at each write of shared state: given the flow facts there, a finding or nothing.</summary>
    internal interface IWriteRule
    {
        DiagnosticDescriptor Descriptor { get; }

        Finding? Check(in WriteFacts facts, RuleContext context);
    }
}
