using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AwaitRaceAnalyzer.CodeFixes.ReadAfterAwait
{
    /// <summary>
    /// Moves an await out of the write that reads stale state before it: <c>_total += await F();</c> becomes
    /// <c>var value = await F(); _total += value;</c>. Offered only when everything the statement evaluates before
    /// the await is a plain read (so moving it after the await changes nothing else) and the awaited expression does
    /// not use the stale read.
    /// </summary>
    internal sealed class ReadAfterAwaitRewrite : IFixPlan
    {
        private readonly ExpressionStatementSyntax _statement;
        private readonly AwaitExpressionSyntax _await;
        private readonly string _name;

        private ReadAfterAwaitRewrite(ExpressionStatementSyntax statement, AwaitExpressionSyntax await, string name)
        {
            _statement = statement;
            _await = await;
            _name = name;
        }

        public static ReadAfterAwaitRewrite? TryPlan(DiagnosticNodes nodes, SemanticModel model, CancellationToken cancellationToken)
        {
            if (nodes.Diagnostic.Id != DiagnosticIds.LostUpdate
                || nodes.Write is not AssignmentExpressionSyntax assignment
                || assignment.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax } statement
                || nodes.Suspension is not AwaitExpressionSyntax await
                || !assignment.Span.Contains(await.Span)
                || !assignment.Span.Contains(nodes.Read.Span)
                || nodes.Read.SpanStart >= await.SpanStart
                || await.Span.Contains(nodes.Read.Span)
                || model.GetTypeInfo(await, cancellationToken).Type is null or { SpecialType: SpecialType.System_Void })
            {
                return null;
            }

            // Everything evaluated before the await must be free of side effects, or moving it would reorder them.
            var before = assignment.DescendantNodes().Where(node => node.Span.End <= await.SpanStart);
            if (before.Any(node => node is InvocationExpressionSyntax or AssignmentExpressionSyntax or PostfixUnaryExpressionSyntax
                    or PrefixUnaryExpressionSyntax or ObjectCreationExpressionSyntax or AwaitExpressionSyntax or ConditionalAccessExpressionSyntax))
            {
                return null;
            }

            return new ReadAfterAwaitRewrite(statement, await, UniqueNames.InScopeAt(model, statement.SpanStart, "value"));
        }

        public void Apply(DocumentEditSession session)
        {
            var editor = session.Editor;
            var generator = editor.Generator;
            var declaration = ((StatementSyntax)generator.LocalDeclarationStatement(_name, _await.WithoutTrivia()))
                .WithLeadingTrivia(_statement.GetLeadingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
            var write = _statement
                .ReplaceNode(_await, ((ExpressionSyntax)generator.IdentifierName(_name)).WithTriviaFrom(_await))
                .WithoutLeadingTrivia()
                .WithAdditionalAnnotations(Formatter.Annotation);
            editor.InsertBefore(_statement, declaration);
            editor.ReplaceNode(_statement, write);
        }
    }
}
