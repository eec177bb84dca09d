using System;
using System.Collections.Generic;
using AwaitRaceAnalyzer.Flow;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// A fill of missing state (the test finds it missing; the value is not computed from the old one) whose first
    /// await after the test takes a lock that is still held at the store, with no second test inside
    /// (<c>if (_x == null) { await _gate.WaitAsync(); try { _x = await LoadAsync(); } finally { _gate.Release(); } }</c>):
    /// a caller that passed the test while another was loading waits, then loads again and stores a value as fresh as
    /// the earlier one. The runs are serialised, so nothing is lost or torn; a load is repeated. Not reported, except
    /// where a repeated run does harm: the store is an <c>Add</c> (the second throws on the duplicate key), the value is
    /// disposable (the first instance is overwritten and never disposed), or an awaited call of the section acts
    /// (<see cref="HarmfulFills"/>: a second key, listener or job).
    /// </summary>
    internal static class SerialisedRefills
    {
        public static bool IsSafe(in WriteFacts facts, List<StaleGuard> guards, RuleContext context)
        {
            if (StaleGuards.Earliest(guards) is not { } stale
                || !facts.HeldSinceSuspension(stale.Entry.StaleAwait)
                || !LazyFill.FillsMissingState(facts, guards)
                || facts.Write is IInvocationOperation { TargetMethod.Name: "Add" }
                || LazyFill.StoresDisposable(facts, context))
            {
                return false;
            }

            return !SectionActs(facts.SuspensionAt(stale.Entry.StaleAwait).Syntax, facts.Write);
        }

        /// <summary>True when an await between the lock's acquisition and the write calls something that acts.</summary>
        private static bool SectionActs(SyntaxNode acquisition, IOperation writeOperation)
        {
            var write = writeOperation.Syntax;
            var body = acquisition.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (body is null)
            {
                return true;
            }

            var section = TextSpan.FromBounds(acquisition.Span.End, Math.Max(acquisition.Span.End, write.SpanStart));
            foreach (var node in body.DescendantNodes(section, node => !(node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is AwaitExpressionSyntax await
                    && await.SpanStart >= section.Start
                    && await.SpanStart < section.End
                    && HarmfulFills.AwaitedCallActs(await, CalledBy(await, writeOperation.SemanticModel)))
                {
                    return true;
                }
            }

            return false;
        }

        private static IMethodSymbol? CalledBy(AwaitExpressionSyntax await, SemanticModel? model)
            => model?.GetOperation(await) is IAwaitOperation operation && operation.AwaitedOperation() is IInvocationOperation call
                ? call.TargetMethod
                : null;
    }
}
