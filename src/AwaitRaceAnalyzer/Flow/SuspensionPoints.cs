using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// The one owner of "what suspends": which operations and which syntax are suspension points (<c>await</c>,
    /// <c>await foreach</c>, <c>await using</c>, <c>yield return</c> in async iterators), where one sits in source and
    /// how messages name it.
    /// </summary>
    internal static class SuspensionPoints
    {
        /// <summary>
        /// True for an operation that gives other tasks a chance to run: an await (explicit, or the implicit ones of
        /// <c>await foreach</c> and <c>await using</c>), or a <c>yield return</c>.
        /// </summary>
        public static bool IsSuspension(IOperation operation)
            => operation is IAwaitOperation || operation is IReturnOperation { Kind: OperationKind.YieldReturn };

        /// <summary>The <c>Task.Delay(…)</c> call a suspension awaits (a wait of its own, not work); null for any other.</summary>
        public static IInvocationOperation? DelayOf(IOperation suspension)
            => suspension is IAwaitOperation await
                && await.AwaitedOperation() is IInvocationOperation { TargetMethod: { Name: "Delay", ContainingType: { Name: "Task" } task } } delay
                && task.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks"
                    ? delay
                    : null;

        /// <summary>True for syntax that is, or implies, a suspension point.</summary>
        public static bool IsSuspension(SyntaxNode node)
            => node switch
            {
                AwaitExpressionSyntax or YieldStatementSyntax => true,
                CommonForEachStatementSyntax loop => loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword),
                UsingStatementSyntax statement => statement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword),
                LocalDeclarationStatementSyntax declaration => declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword),
                _ => false,
            };

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
