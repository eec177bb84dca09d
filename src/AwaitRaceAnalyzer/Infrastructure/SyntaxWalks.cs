using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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

        /// <summary>
        /// The awaited call without a <c>.ConfigureAwait(…)</c> around it (the syntax twin of
        /// <see cref="OperationWalks.AwaitedOperation"/>): <c>M()</c> in <c>await M().ConfigureAwait(false)</c>.
        /// </summary>
        public static ExpressionSyntax WithoutConfigureAwait(ExpressionSyntax awaited)
            => awaited is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: WellKnownNames.ConfigureAwait, Expression: var configured } }
                ? configured
                : awaited;

        /// <summary>
        /// The member and type declarations of a tree, without walking into member bodies: what the compilation-wide
        /// syntax summaries look at.
        /// </summary>
        public static System.Collections.Generic.IEnumerable<SyntaxNode> Declarations(SyntaxNode root)
            => root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax);

        /// <summary>The last name of a dotted expression: <c>Task</c> in <c>System.Threading.Tasks.Task</c>; null for any other expression.</summary>
        public static string? RightmostName(ExpressionSyntax expression)
            => expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                SimpleNameSyntax name => name.Identifier.ValueText,
                AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
                _ => null,
            };

        /// <summary>The name a call invokes: <c>M</c> in <c>M(…)</c> and in <c>x.M(…)</c>; null for any other callee.</summary>
        public static string? InvokedName(InvocationExpressionSyntax invocation)
            => invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                SimpleNameSyntax name => name.Identifier.ValueText,
                _ => null,
            };

        /// <summary>
        /// The name a node declares as a variable: a declarator, a designation (<c>out var x</c>, <c>is T x</c>), a
        /// foreach variable, a caught exception or a parameter; null for any other node.
        /// </summary>
        public static string? DeclaredName(SyntaxNode node)
            => node switch
            {
                VariableDeclaratorSyntax declarator => declarator.Identifier.ValueText,
                SingleVariableDesignationSyntax designation => designation.Identifier.ValueText,
                ForEachStatementSyntax loop => loop.Identifier.ValueText,
                CatchDeclarationSyntax caught => caught.Identifier.ValueText,
                ParameterSyntax parameter => parameter.Identifier.ValueText,
                _ => null,
            };

        /// <summary>True for an <c>async</c> lambda, anonymous method or local function.</summary>
        public static bool IsAsyncFunction(SyntaxNode node)
            => node switch
            {
                AnonymousFunctionExpressionSyntax function => function.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
                LocalFunctionStatementSyntax function => function.Modifiers.Any(SyntaxKind.AsyncKeyword),
                _ => false,
            };

        /// <summary>True when an <c>async</c> lambda, anonymous method or local function is declared within <paramref name="node"/>.</summary>
        public static bool DeclaresAsyncFunction(SyntaxNode node)
            => node.DescendantNodes().Any(IsAsyncFunction);
    }
}
