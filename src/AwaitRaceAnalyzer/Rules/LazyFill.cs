using System.Collections.Generic;
using System.Linq;
using AwaitRaceAnalyzer.Flow;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// Recognises an async lazy initialisation: every stale test that decides the write finds the state missing
    /// (<c>== null</c>, <c>is null</c>, <c>??=</c>, <c>!TryGetValue</c>, <c>!ContainsKey</c>, <c>is not { … }</c>,
    /// <c>IsEmpty</c>, <c>!HasValue</c>, <c>string.IsNullOrEmpty</c>) or
    /// asks the state itself whether it is stale (<c>x.IsExpired</c>), and the value stored was produced by an awaited
    /// call whose inputs do not read that state, or stored by a helper of the type after its own await. And says when such a fill is still a bug (kept as AWR002).
    /// </summary>
    internal static class LazyFill
    {
        private enum TestShape
        {
            Other,
            FindsMissing,
            AsksTheState,
        }

        /// <summary>A fill of missing state (<see cref="FillsMissingState"/>) with the awaited call's result, or by a helper after its own await.</summary>
        public static bool IsLazyFill(in WriteFacts facts, List<StaleGuard> guards)
            => (facts.UpdateKind == UpdateKind.HelperFill || (StoredValueSyntax(facts.Write.Syntax) is { } stored && LoadedByAwait(stored)))
                && FillsMissingState(facts, guards);

        /// <summary>
        /// The test finds the state missing and the value stored is not computed from the old one: a fill, whether or
        /// not the value came straight from the awaited call (<c>_link = response.Resource.Link</c>).
        /// </summary>
        public static bool FillsMissingState(in WriteFacts facts, List<StaleGuard> guards)
            => facts.UpdateKind != UpdateKind.Compound && !StoresFromTheOldValue(facts) && TestsFindItMissing(facts, guards);

        /// <summary>The new value is computed from the old one: an update, not an initialisation.</summary>
        private static bool StoresFromTheOldValue(in WriteFacts facts)
        {
            foreach (var pair in facts.Value.Entries)
            {
                if (facts.Overlaps(pair.Key))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Every deciding test finds the state missing or asks the state whether it is stale, and at least one finds
        /// it missing.
        /// </summary>
        private static bool TestsFindItMissing(in WriteFacts facts, List<StaleGuard> guards)
        {
            var findsMissing = false;
            foreach (var guard in guards)
            {
                var block = facts.BranchBlock(guard.Branch);
                if (block.BranchValue is null || facts.RunsThroughConditional(guard.Branch) is not { } viaConditional)
                {
                    return false;
                }

                var outcome = viaConditional == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
                switch (Classify(block.BranchValue, outcome))
                {
                    case TestShape.FindsMissing:
                        findsMissing = true;
                        break;
                    case TestShape.AsksTheState:
                        break;
                    default:
                        return false;
                }
            }

            return findsMissing;
        }

        /// <summary>
        /// A lazy fill stays AWR002 when another member of the type also writes, clears or removes the state (a racing
        /// fill can resurrect a stale value), when the value is disposable (the loser's instance leaks), when the
        /// store is a collection <c>Add</c> (the loser throws on the duplicate key), when the duplicate does harm
        /// (<see cref="HarmfulFills"/>: a shared plain collection, an awaited call that creates something), or when the code shows that
        /// callers were meant to be excluded: the test's other outcome throws or returns false (a once-guard), or a
        /// lock is held at the test or at the write but not from one to the other.
        /// </summary>
        public static bool MustStayCheckThenAct(in WriteFacts facts, RuleContext context, List<StaleGuard> guards)
        {
            if (facts.Write is IInvocationOperation { TargetMethod.Name: "Add" } || facts.IsLockHeldHere)
            {
                return true;
            }

            if (AnotherMemberWrites(facts, context))
            {
                return true;
            }

            if (StoresDisposable(facts, context))
            {
                return true;
            }

            if (StaleGuards.Earliest(guards) is { } stale && HarmfulFills.Show(facts, stale))
            {
                return true;
            }

            return StaleGuards.AnyMeantToExclude(facts, guards);
        }

        /// <summary>True when the stored value is disposable: the instance a losing racer stored is never disposed.</summary>
        public static bool StoresDisposable(in WriteFacts facts, RuleContext context)
        {
            if (facts.UpdateKind == UpdateKind.HelperFill)
            {
                return false;
            }

            var type = StoredValue(facts.Write)?.WithoutConversions().Type;
            return KnownSymbols.Implements(type, context.Known.Disposable) || KnownSymbols.Implements(type, context.Known.AsyncDisposable);
        }

        /// <summary>
        /// True when a member of the type other than the one holding the write also writes, clears or removes the
        /// state (a field or property of this object or a static one): an invalidation a racing fill can undo.
        /// </summary>
        public static bool AnotherMemberWrites(in WriteFacts facts, RuleContext context)
        {
            var location = facts.Location;
            // A helper's fill is the helper's write: the helper itself is not another writer.
            var helper = facts.UpdateKind == UpdateKind.HelperFill && facts.Write is IInvocationOperation call
                ? call.TargetMethod.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax()
                : null;
            return (location.Root == StateLocation.ThisRoot || location.Root is ITypeSymbol) && location.Members.Length > 0
                && context.Writers.WrittenElsewhere(location.Members[0], facts.Write.Syntax, helper);
        }

        private static TestShape Classify(IOperation condition, bool outcome)
        {
            switch (condition.WithoutConversions())
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return Classify(not.Operand, !outcome);
                case IIsNullOperation:
                    return outcome ? TestShape.FindsMissing : TestShape.Other;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                    when comparison.LeftOperand.IsNullConstant() || comparison.RightOperand.IsNullConstant():
                    return (comparison.OperatorKind == BinaryOperatorKind.Equals) == outcome ? TestShape.FindsMissing : TestShape.Other;
                case IIsPatternOperation pattern:
                    return FindsMissing(pattern.Pattern, outcome) ? TestShape.FindsMissing : TestShape.Other;
                case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "IsNullOrEmpty" or "IsNullOrWhiteSpace", ContainingType.SpecialType: SpecialType.System_String } }:
                    // string.IsNullOrEmpty(_name): no text stored yet.
                    return outcome ? TestShape.FindsMissing : TestShape.Other;
                case IInvocationOperation { TargetMethod.Name: "TryGetValue" or "ContainsKey" or "Contains" }:
                    return outcome ? TestShape.Other : TestShape.FindsMissing;
                case IPropertyReferenceOperation { Property.Name: "IsEmpty" or "HasValue" } state:
                    // _headers.IsEmpty, _flag.HasValue: nothing stored yet.
                    return (state.Property.Name == "IsEmpty") == outcome ? TestShape.FindsMissing : TestShape.Other;
                case IPropertyReferenceOperation { Instance: not null, Type.SpecialType: SpecialType.System_Boolean }:
                case IInvocationOperation { Instance: not null, Type.SpecialType: SpecialType.System_Boolean }:
                    return TestShape.AsksTheState;
                default:
                    return TestShape.Other;
            }
        }

        private static bool FindsMissing(IPatternOperation pattern, bool outcome)
            => pattern switch
            {
                INegatedPatternOperation negated => FindsMissing(negated.Pattern, !outcome),
                IConstantPatternOperation constant => constant.Value.IsNullConstant() && outcome,
                IRecursivePatternOperation or ITypePatternOperation or IDeclarationPatternOperation => !outcome,
                _ => false,
            };

        /// <summary>The stored value's syntax: the right side of an assignment, or the last argument of a collection call.</summary>
        private static ExpressionSyntax? StoredValueSyntax(SyntaxNode write)
            => write switch
            {
                AssignmentExpressionSyntax assignment => assignment.Right,
                InvocationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } call => call.ArgumentList.Arguments.Last().Expression,
                _ => null,
            };

        private static IOperation? StoredValue(IOperation write)
            => write switch
            {
                ISimpleAssignmentOperation assignment => assignment.Value,
                IInvocationOperation { Arguments.Length: > 0 } call => call.Arguments[call.Arguments.Length - 1].Value,
                _ => null,
            };

        /// <summary>True when the value holds an await, or is a local that the body assigns from one.</summary>
        private static bool LoadedByAwait(ExpressionSyntax stored)
        {
            if (stored.DescendantNodesAndSelf().OfType<AwaitExpressionSyntax>().Any())
            {
                return true;
            }

            if (stored is not IdentifierNameSyntax local || stored.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member)
            {
                return false;
            }

            var name = local.Identifier.ValueText;
            foreach (var node in member.DescendantNodes())
            {
                var source = node switch
                {
                    VariableDeclaratorSyntax declarator when declarator.Identifier.ValueText == name => declarator.Initializer?.Value,
                    AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } assignment when target.Identifier.ValueText == name => assignment.Right,
                    _ => null,
                };
                if (source is not null && source.DescendantNodesAndSelf().OfType<AwaitExpressionSyntax>().Any())
                {
                    return true;
                }
            }

            return false;
        }
    }
}
