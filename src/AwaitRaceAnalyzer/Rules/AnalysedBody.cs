using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>What the rules know about the body whose writes they judge: its type, its options, its variables.</summary>
    internal sealed class AnalysedBody
    {
        public AnalysedBody(INamedTypeSymbol? containingType, AnalysisOptions options, VariableSharing sharing)
        {
            ContainingType = containingType;
            Options = options;
            Sharing = sharing;
        }

        /// <summary>The type whose member holds the body (lambdas and local functions included); null in broken code.</summary>
        public INamedTypeSymbol? ContainingType { get; }

        public AnalysisOptions Options { get; }

        public VariableSharing Sharing { get; }
    }
}
