using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Infrastructure
{
    /// <summary>Small syntax questions the syntax-only summaries and the fixes share (the twin of <see cref="OperationWalks"/>).</summary>
    internal static class SyntaxWalks
    {
        /// <summary><paramref name="expression"/> without the parentheses around it.</summary>
        public static ExpressionSyntax WithoutParentheses(this ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            return expression;
        }

        /// <summary>The name a call invokes: <c>M</c> in <c>M(…)</c> and in <c>x.M(…)</c>; null for any other callee.</summary>
        public static string? InvokedName(InvocationExpressionSyntax invocation)
            => invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                SimpleNameSyntax name => name.Identifier.ValueText,
                _ => null,
            };
    }
}
