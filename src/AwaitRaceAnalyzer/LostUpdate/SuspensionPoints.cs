using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AwaitRaceAnalyzer.LostUpdate
{
    /// <summary>Where a suspension point sits in source and how messages name it.</summary>
    internal static class SuspensionPoints
    {
        /// <summary>
        /// The statement or expression that shows the suspension in source. The implicit awaits of <c>await using</c>
        /// (the DisposeAsync call) sit on the resource expression; they are attributed to the using statement.
        /// </summary>
        public static SyntaxNode SyntaxOf(IOperation suspension)
        {
            var syntax = suspension.Syntax;
            if (!suspension.IsImplicit || syntax is AwaitExpressionSyntax)
            {
                return syntax;
            }

            foreach (var ancestor in syntax.AncestorsAndSelf())
            {
                switch (ancestor)
                {
                    case UsingStatementSyntax statement when statement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                    case LocalDeclarationStatementSyntax declaration when declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                    case CommonForEachStatementSyntax loop when loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                        return ancestor;
                    case StatementSyntax:
                        return syntax;
                }
            }

            return syntax;
        }

        public static Location LocationOf(SyntaxNode syntax)
        {
            var span = syntax switch
            {
                ForEachStatementSyntax loop when loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)
                    => TextSpan.FromBounds(loop.AwaitKeyword.SpanStart, loop.CloseParenToken.Span.End),
                ForEachVariableStatementSyntax loop when loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)
                    => TextSpan.FromBounds(loop.AwaitKeyword.SpanStart, loop.CloseParenToken.Span.End),
                UsingStatementSyntax statement when statement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)
                    => TextSpan.FromBounds(statement.AwaitKeyword.SpanStart, statement.CloseParenToken.Span.End),
                LocalDeclarationStatementSyntax declaration when declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)
                    => TextSpan.FromBounds(declaration.AwaitKeyword.SpanStart, declaration.Declaration.Span.End),
                _ => syntax.Span,
            };
            return Location.Create(syntax.SyntaxTree, span);
        }

        public static string TextOf(SyntaxNode syntax)
        {
            switch (syntax)
            {
                case ForEachStatementSyntax:
                case ForEachVariableStatementSyntax:
                    return "await foreach";
                case UsingStatementSyntax:
                case LocalDeclarationStatementSyntax:
                    return "await using";
                case YieldStatementSyntax:
                    return "yield return";
            }

            return DisplayText.Of(syntax.ToString());
        }
    }
}
