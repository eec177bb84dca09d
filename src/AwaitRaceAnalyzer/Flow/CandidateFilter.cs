using System.Collections.Generic;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// A syntax-only pre-filter run before any semantic work: a code block can only hold a lost update if it has a
    /// suspension point and writes something that may be shared (not a plain local of its own, unless a lambda or
    /// local function could capture it, nor a collection created here that is never passed on). A name the block
    /// declares as a local may still name a member outside that local's scope: then <paramref name="scope"/> decides.
    /// </summary>
    internal static class CandidateFilter
    {
        /// <remarks>Run on blocks where a suspension word occurs (<see cref="SuspensionWords"/>, the first and cheapest check).</remarks>
        public static bool MayHoldLostUpdate(SyntaxNode codeBlock, MemberNameScope scope)
        {
            var suspends = false;
            var declaresFunctions = false;
            // Names are gathered in lists and put in a set only for the blocks that reach the last checks: most stop
            // before, and growing sets during the walk was a third of this filter's time.
            List<string>? locals = null;
            List<string>? freshLocals = null;
            List<string>? escaping = null;
            List<ExpressionSyntax>? writes = null;
            List<ExpressionSyntax>? collectionWrites = null;
            foreach (var node in codeBlock.DescendantNodes())
            {
                suspends |= SuspensionPoints.IsSuspension(node);
                switch (node)
                {
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                        declaresFunctions = true;
                        break;
                    case VariableDeclarationSyntax declaration:
                        AddLocals(declaration, ref locals);
                        break;
                    case AssignmentExpressionSyntax assignment:
                        (writes ??= new List<ExpressionSyntax>()).Add(assignment.Left);
                        if (assignment.Right is IdentifierNameSyntax stored)
                        {
                            (escaping ??= new List<string>()).Add(stored.Identifier.ValueText);
                        }

                        break;
                    case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression):
                        (writes ??= new List<ExpressionSyntax>()).Add(postfix.Operand);
                        break;
                    case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                        (writes ??= new List<ExpressionSyntax>()).Add(prefix.Operand);
                        break;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
                        when CollectionMethods.Classify(member.Name.Identifier.ValueText, out _) == CollectionMethodKind.Write:
                        (collectionWrites ??= new List<ExpressionSyntax>()).Add(member.Expression);
                        break;
                    case InvocationExpressionSyntax { Expression: IdentifierNameSyntax method } call
                        when CollectionMethods.Classify(method.Identifier.ValueText, out _) == CollectionMethodKind.Write:
                        // A collection call on this object (a type deriving from a collection).
                        (writes ??= new List<ExpressionSyntax>()).Add(call);
                        break;
                    case VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax } declarator:
                        (freshLocals ??= new List<string>()).Add(declarator.Identifier.ValueText);
                        break;
                    case ArgumentSyntax { Expression: IdentifierNameSyntax passed }:
                        (escaping ??= new List<string>()).Add(passed.Identifier.ValueText);
                        break;
                    case EqualsValueClauseSyntax { Value: IdentifierNameSyntax aliased }:
                        (escaping ??= new List<string>()).Add(aliased.Identifier.ValueText);
                        break;
                }
            }

            if (!suspends || (writes is null && collectionWrites is null))
            {
                return false;
            }

            if (declaresFunctions || locals is null)
            {
                return true;
            }

            var localNames = new HashSet<string>(locals);
            foreach (var target in writes ?? new List<ExpressionSyntax>())
            {
                if (target is not IdentifierNameSyntax identifier || !localNames.Contains(identifier.Identifier.ValueText) || scope.MayNameMember(identifier.Identifier.ValueText))
                {
                    return true;
                }
            }

            // A collection changed through a local is private only when the local holds an object created here that
            // is never passed on or aliased.
            foreach (var target in collectionWrites ?? new List<ExpressionSyntax>())
            {
                if (target is not IdentifierNameSyntax identifier
                    || !localNames.Contains(identifier.Identifier.ValueText)
                    || freshLocals?.Contains(identifier.Identifier.ValueText) != true
                    || escaping?.Contains(identifier.Identifier.ValueText) == true
                    || scope.MayNameMember(identifier.Identifier.ValueText))
                {
                    return true;
                }
            }

            return false;
        }

        private static void AddLocals(VariableDeclarationSyntax declaration, ref List<string>? locals)
        {
            foreach (var variable in declaration.Variables)
            {
                (locals ??= new List<string>()).Add(variable.Identifier.ValueText);
            }
        }
    }
}
