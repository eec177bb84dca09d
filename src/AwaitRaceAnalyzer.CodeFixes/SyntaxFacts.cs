using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.CodeFixes
{
    /// <summary>Small syntax questions the fixes share.</summary>
    internal static class SyntaxFacts
    {
        /// <summary>True for nodes that start a new function body: the search for an enclosing block stops there.</summary>
        public static bool IsFunctionBoundary(SyntaxNode node)
            => node is AnonymousFunctionExpressionSyntax
                or LocalFunctionStatementSyntax
                or BaseMethodDeclarationSyntax
                or AccessorDeclarationSyntax
                or MemberDeclarationSyntax;

        /// <summary>The lambda, local function, method or accessor whose body contains <paramref name="node"/>.</summary>
        public static SyntaxNode? EnclosingFunction(SyntaxNode node)
            => node.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);

        /// <summary>The assigned or mutated expression of a write: <c>x</c> in <c>x = …</c>, <c>x++</c>, <c>x.Add(…)</c>.</summary>
        public static ExpressionSyntax? WriteTarget(SyntaxNode write)
            => write switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                PostfixUnaryExpressionSyntax postfix => postfix.Operand,
                PrefixUnaryExpressionSyntax prefix => prefix.Operand,
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Expression,
                _ => null,
            };

        /// <summary>The expression naming the root of an access path: <c>_stats</c> in <c>this._stats.Count</c>, <c>_map</c> in <c>_map[k]</c>.</summary>
        public static ExpressionSyntax RootOf(ExpressionSyntax expression)
        {
            while (true)
            {
                switch (expression)
                {
                    case ElementAccessExpressionSyntax element:
                        expression = element.Expression;
                        continue;
                    case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax } member:
                        return member.Name;
                    case MemberAccessExpressionSyntax member when member.Expression is not PredefinedTypeSyntax:
                        expression = member.Expression;
                        continue;
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        continue;
                    default:
                        return expression;
                }
            }
        }

        /// <summary>True when an identifier in <paramref name="node"/> (or the node itself) binds to <paramref name="symbol"/>.</summary>
        public static bool RefersTo(SyntaxNode node, ISymbol symbol, SemanticModel model, CancellationToken cancellationToken)
            => References(node, symbol, model, cancellationToken).Any();

        /// <summary>The identifiers in <paramref name="node"/> (or the node itself) that bind to <paramref name="symbol"/>.</summary>
        public static IEnumerable<IdentifierNameSyntax> References(SyntaxNode node, ISymbol symbol, SemanticModel model, CancellationToken cancellationToken)
            => node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Where(identifier =>
                identifier.Identifier.ValueText == symbol.Name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, symbol));

        public static bool UsesConfigureAwaitFalse(SyntaxNode function)
            => function.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(invocation =>
                invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: WellKnownNames.ConfigureAwait }
                && invocation.ArgumentList.Arguments.Count == 1
                && invocation.ArgumentList.Arguments[0].Expression.IsKind(SyntaxKind.FalseLiteralExpression));
    }
}
