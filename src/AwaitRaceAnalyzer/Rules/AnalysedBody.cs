using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>What the rules know about the body whose writes they judge: its type, its options, its variables.</summary>
    internal sealed class AnalysedBody
    {
        public AnalysedBody(ISymbol? member, INamedTypeSymbol? containingType, AnalysisOptions options, VariableSharing sharing)
        {
            Member = member;
            ContainingType = containingType;
            Options = options;
            Sharing = sharing;
        }

        /// <summary>The member that holds the body (lambdas and local functions included).</summary>
        public ISymbol? Member { get; }

        /// <summary>The type whose member holds the body (lambdas and local functions included); null in broken code.</summary>
        public INamedTypeSymbol? ContainingType { get; }

        public AnalysisOptions Options { get; }

        public VariableSharing Sharing { get; }
    }
}
