using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Filters
{
    /// <summary>The names a helper of the type writes for the block, where the block's own writes would be recorded.</summary>
    internal sealed partial class BlockNames
    {
        /// <summary>
        /// What a method of the type writes for this block (<see cref="HelperWrites"/>): at the call, or, for what it
        /// writes after its own await, where the block's await of the call completes.
        /// </summary>
        private void AddHelperWrites(InvocationExpressionSyntax invocation)
        {
            if (HelperWrites.CalledName(invocation) is not { } helper)
            {
                return;
            }

            var awaitedAt = AwaitOf(invocation);
            foreach (var summary in HelperWrites.OfCallIn(invocation, helper))
            {
                foreach (var written in summary.Written)
                {
                    _writeEnd = written.Value && awaitedAt is { } end ? end : invocation.Span.End;
                    AddWrite(WrittenBare, written.Key, ThisReceiver);
                }
            }

            _writeEnd = invocation.Span.End;
        }

        /// <summary>The end of the await of <paramref name="invocation"/> (<c>await M()</c>, <c>await M().ConfigureAwait(false)</c>), if awaited there.</summary>
        private static int? AwaitOf(InvocationExpressionSyntax invocation)
        {
            SyntaxNode awaited = invocation;
            if (awaited.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: WellKnownNames.ConfigureAwait } access
                && access.Parent is InvocationExpressionSyntax configured)
            {
                awaited = configured;
            }

            return awaited.Parent is AwaitExpressionSyntax await ? await.Span.End : null;
        }
    }
}
