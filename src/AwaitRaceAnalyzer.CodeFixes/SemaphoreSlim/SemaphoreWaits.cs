using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.CodeFixes.SemaphoreSlim
{
    /// <summary>
    /// Finds where existing code takes a SemaphoreSlim, the way the analyzer recognises it: a call of <c>Wait</c> or
    /// <c>WaitAsync</c> whose receiver's type is <c>System.Threading.SemaphoreSlim</c>.
    /// </summary>
    internal sealed class SemaphoreWaits
    {
        private readonly SemanticModel _model;
        private readonly INamedTypeSymbol? _semaphoreType;
        private readonly CancellationToken _cancellationToken;

        public SemaphoreWaits(SemanticModel model, KnownSymbols known, CancellationToken cancellationToken)
        {
            _model = model;
            _semaphoreType = known.SemaphoreSlim;
            _cancellationToken = cancellationToken;
        }

        /// <summary>True for an expression statement that takes a semaphore, such as <c>await _gate.WaitAsync();</c>.</summary>
        public bool IsAcquisition(StatementSyntax statement)
            => statement is ExpressionStatementSyntax expression && Receivers(expression.Expression, includeSelf: true).Any();

        /// <summary>True when <paramref name="node"/> waits on the semaphore named <paramref name="gate"/>.</summary>
        public bool WaitsOn(SyntaxNode node, string gate)
            => Receivers(node, includeSelf: false).Any(receiver =>
                SyntaxFacts.RootOf(receiver) is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == gate);

        /// <summary>True when a statement <paramref name="first"/>..<paramref name="last"/> of <paramref name="block"/> waits on <paramref name="gate"/>.</summary>
        public bool AnyWaitsOn(BlockSyntax block, int first, int last, string gate)
        {
            for (var i = first; i <= last; i++)
            {
                if (WaitsOn(block.Statements[i], gate))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The semaphores waited on in <paramref name="node"/>: <c>_gate</c> in <c>_gate.WaitAsync()</c>.</summary>
        private IEnumerable<ExpressionSyntax> Receivers(SyntaxNode node, bool includeSelf)
            => (includeSelf ? node.DescendantNodesAndSelf() : node.DescendantNodes())
                .OfType<InvocationExpressionSyntax>()
                .Select(invocation => invocation.Expression)
                .OfType<MemberAccessExpressionSyntax>()
                .Where(access => WellKnownNames.IsSemaphoreAcquire(access.Name.Identifier.ValueText)
                    && KnownSymbols.Is(_model.GetTypeInfo(access.Expression, _cancellationToken).Type, _semaphoreType))
                .Select(access => access.Expression);
    }
}
