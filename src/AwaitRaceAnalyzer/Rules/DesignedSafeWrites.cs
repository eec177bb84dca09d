using AwaitRaceAnalyzer.Flow;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// Check-then-act writes that lose nothing by design: a constant written in a disposal, close or shutdown method
    /// (the object's last act: tearing down must already be idempotent); a constant written in a stop or disconnect
    /// method, and cleanup that clears the tested state to null, false or default when the test's other outcome just
    /// returns or does nothing (racers all clear the same state), both only while the state is one-way: when another
    /// member stores a fresh value into it, or this one does later on the same path, a stale stop or cleanup erases
    /// that value (a listener restarted, a handle recreated during the awaited stop), so it is reported. A write that
    /// sets a flag to true or stores a new object is not cleanup and stays reported.
    /// </summary>
    internal static class DesignedSafeWrites
    {
        public static bool IsSafe(in WriteFacts facts, StaleGuard stale, RuleContext context)
        {
            if (facts.Write is not ISimpleAssignmentOperation assignment
                || assignment.Value.WithoutConversions().ConstantValue is not { HasValue: true } constant)
            {
                return false;
            }

            var method = EnclosingMethodName(facts.Write.Syntax);
            if (IsTerminalMethod(method))
            {
                return true;
            }

            if (StoresFreshValues(facts, constant.Value, context))
            {
                return false;
            }

            return IsRestartableStop(method) || (Clears(assignment, constant.Value) && OtherOutcomeReturnsOrDoesNothing(facts, stale.Branch));
        }

        private static bool StoresFreshValues(in WriteFacts facts, object? constant, RuleContext context)
        {
            var location = facts.Location;
            return (location.Root == StateLocation.ThisRoot || location.Root is ITypeSymbol) && location.Members.Length == 1
                && context.Writers.StoresOtherThan(location.Members[0], constant, facts.Write.Syntax);
        }

        /// <summary>Methods after which the object is not used again: tearing down must already be idempotent.</summary>
        private static bool IsTerminalMethod(string? name)
            => name is "Dispose" or "DisposeAsync" or "DisposeAsyncCore" or "Close" or "CloseAsync" or "Shutdown" or "ShutdownAsync";

        /// <summary>Stops that a start can undo: safe only while nothing starts again meanwhile.</summary>
        private static bool IsRestartableStop(string? name)
            => name is "Stop" or "StopAsync" or "Disconnect" or "DisconnectAsync";

        private static bool Clears(ISimpleAssignmentOperation assignment, object? value)
            => value is null or false
                || assignment.Syntax is AssignmentExpressionSyntax { Right: DefaultExpressionSyntax or LiteralExpressionSyntax { RawKind: (int)SyntaxKind.DefaultLiteralExpression } };

        private static bool OtherOutcomeReturnsOrDoesNothing(in WriteFacts facts, int branch)
        {
            var other = facts.OtherOutcome(branch);
            if (other?.Destination is not { } destination)
            {
                // Leaving without a destination: returning, or rethrowing the exception a catch was already handling.
                return other?.Semantics is ControlFlowBranchSemantics.Return or ControlFlowBranchSemantics.Rethrow;
            }

            return destination.Ordinal == facts.RegionEndOf(branch)
                || destination.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return;
        }

        private static string? EnclosingMethodName(SyntaxNode node)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case MethodDeclarationSyntax method:
                        return method.Identifier.ValueText;
                    case LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax:
                        return null;
                }
            }

            return null;
        }
    }
}
