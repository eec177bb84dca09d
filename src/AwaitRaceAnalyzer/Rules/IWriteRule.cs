using System.Collections.Immutable;
using AwaitRaceAnalyzer.Flow;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>A rule judged at each write of shared state: given the flow facts there, a finding or nothing.</summary>
    internal interface IWriteRule
    {
        /// <summary>Every descriptor the rule's findings can carry (AWR002 also reports its advisory twin AWR102).</summary>
        ImmutableArray<DiagnosticDescriptor> Descriptors { get; }

        Finding? Check(in WriteFacts facts, RuleContext context, AnalysedBody body);
    }
}
