using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace AwaitRaceAnalyzer.CodeFixes.SemaphoreSlim
{
    /// <summary>
    /// Protects a whole expression body (<c>async () =&gt; _total += await F()</c>): the body becomes a block whose one
    /// statement (<c>return</c> when the function returns the value) runs while the gates are held.
    /// </summary>
    internal static class ExpressionBodies
    {
        public static SyntaxNode Protect(SyntaxNode owner, ProtectionPlan plan, Func<List<StatementSyntax>, List<StatementSyntax>> wrap, SyntaxGenerator generator)
        {
            var body = owner switch
            {
                AnonymousFunctionExpressionSyntax lambda => lambda.ExpressionBody,
                BaseMethodDeclarationSyntax method => method.ExpressionBody?.Expression,
                LocalFunctionStatementSyntax function => function.ExpressionBody?.Expression,
                _ => null,
            };
            if (body is null)
            {
                return owner;
            }

            var statement = plan.ReturnsValue
                ? (StatementSyntax)generator.ReturnStatement(body.WithoutTrivia())
                : (StatementSyntax)generator.ExpressionStatement(body.WithoutTrivia());
            // Elastic line breaks let the formatter lay the new block out on lines of its own, also inside a lambda.
            var statements = wrap(new List<StatementSyntax> { statement }).ConvertAll(s => s.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed));
            var block = SyntaxFactory.Block(
                    SyntaxFactory.Token(SyntaxKind.OpenBraceToken)
                        .WithLeadingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)
                        .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed),
                    SyntaxFactory.List(statements),
                    SyntaxFactory.Token(SyntaxKind.CloseBraceToken))
                .WithAdditionalAnnotations(Formatter.Annotation);
            return owner switch
            {
                AnonymousFunctionExpressionSyntax lambda => lambda.WithExpressionBody(null).WithBlock(block),
                BaseMethodDeclarationSyntax method => method
                    .WithExpressionBody(null)
                    .WithSemicolonToken(default)
                    .WithBody(block.WithTrailingTrivia(method.SemicolonToken.TrailingTrivia)),
                LocalFunctionStatementSyntax function => function
                    .WithExpressionBody(null)
                    .WithSemicolonToken(default)
                    .WithBody(block.WithTrailingTrivia(function.SemicolonToken.TrailingTrivia)),
                _ => owner,
            };
        }
    }
}
