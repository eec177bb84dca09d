using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AwaitRaceAnalyzer.CodeFixes.ReadAfterAwait
{
    /// <summary>
    /// Moves the awaits out of the write that reads stale state before them: <c>_total += await F();</c> becomes
    /// <c>var value = await F(); _total += value;</c>, and <c>_score = _score + await A() + await B();</c> becomes one
    /// local per await, in evaluation order, so the write uses only values read after the last suspension. Offered only
    /// when that keeps the evaluation order: everything the statement evaluates before the last await, other than the
    /// awaits, is a plain read; every await runs unconditionally (not behind <c>?:</c>, <c>&amp;&amp;</c>, <c>||</c>,
    /// <c>??</c>, <c>?.</c> or a switch arm); and no awaited expression reads the written state.
    /// </summary>
    internal sealed class ReadAfterAwaitRewrite : IFixPlan
    {
        private readonly ExpressionStatementSyntax _statement;
        private readonly IReadOnlyList<AwaitExpressionSyntax> _awaits;
        private readonly IReadOnlyList<string> _names;

        private ReadAfterAwaitRewrite(ExpressionStatementSyntax statement, IReadOnlyList<AwaitExpressionSyntax> awaits, IReadOnlyList<string> names)
        {
            _statement = statement;
            _awaits = awaits;
            _names = names;
        }

        public static ReadAfterAwaitRewrite? TryPlan(DiagnosticNodes nodes, SemanticModel model, CancellationToken cancellationToken)
        {
            if (nodes.Diagnostic.Id is not (DiagnosticIds.LostUpdate or DiagnosticIds.AdvisoryLostUpdate)
                || nodes.Write is not AssignmentExpressionSyntax assignment
                || assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression)
                || assignment.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax } statement
                || nodes.Suspension is not AwaitExpressionSyntax suspension
                || !assignment.Span.Contains(suspension.Span)
                || !assignment.Span.Contains(nodes.Read.Span))
            {
                return null;
            }

            // The awaits the statement evaluates itself (not those of nested functions, nor those inside another await's operand).
            var awaits = assignment.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or AwaitExpressionSyntax))
                .OfType<AwaitExpressionSyntax>()
                .ToList();
            if (awaits.Count == 0 || !awaits.Any(a => a.Span.Contains(suspension.Span)))
            {
                return null;
            }

            var last = awaits[awaits.Count - 1];
            if (nodes.Read.SpanStart >= last.SpanStart
                || awaits.Any(a => a.Span.Contains(nodes.Read.Span) || !RunsUnconditionally(a, assignment))
                || awaits.Any(a => model.GetTypeInfo(a, cancellationToken).Type is null or { SpecialType: SpecialType.System_Void } or { TypeKind: TypeKind.Error }))
            {
                return null;
            }

            // No awaited expression may read the written state: it would still read it before a later suspension.
            var state = SyntaxFacts.WriteTarget(assignment) is { } target ? model.GetSymbolInfo(SyntaxFacts.RootOf(target), cancellationToken).Symbol : null;
            if (state is null || awaits.Any(a => SyntaxFacts.RefersTo(a.Expression, state, model, cancellationToken)))
            {
                return null;
            }

            // Everything evaluated before the last await, other than the awaits, must be free of side effects, or moving
            // the awaits first would reorder them.
            var before = assignment.DescendantNodes(node => node is not AwaitExpressionSyntax)
                .Where(node => node.Span.End <= last.SpanStart && !awaits.Any(a => a.Span.Contains(node.Span)));
            if (before.Any(node => node is InvocationExpressionSyntax or AssignmentExpressionSyntax or PostfixUnaryExpressionSyntax
                    or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }
                    or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax or ConditionalAccessExpressionSyntax
                    or AnonymousFunctionExpressionSyntax or AwaitExpressionSyntax))
            {
                return null;
            }

            var names = new List<string>();
            foreach (var _ in awaits)
            {
                names.Add(UniqueNames.Pick("value", candidate => names.Contains(candidate) || !model.LookupSymbols(statement.SpanStart, name: candidate).IsEmpty));
            }

            return new ReadAfterAwaitRewrite(statement, awaits, names);
        }

        /// <summary>False when <paramref name="await"/> runs only on some evaluations of <paramref name="assignment"/>.</summary>
        private static bool RunsUnconditionally(AwaitExpressionSyntax await, AssignmentExpressionSyntax assignment)
        {
            SyntaxNode child = await;
            for (var node = await.Parent; node is not null && node != assignment.Parent; child = node, node = node.Parent)
            {
                switch (node)
                {
                    case ConditionalExpressionSyntax conditional when child != conditional.Condition:
                    case BinaryExpressionSyntax binary when child == binary.Right
                        && binary.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression or SyntaxKind.CoalesceExpression:
                    case ConditionalAccessExpressionSyntax access when child == access.WhenNotNull:
                    case AssignmentExpressionSyntax inner when inner.IsKind(SyntaxKind.CoalesceAssignmentExpression) && child == inner.Right:
                    case SwitchExpressionArmSyntax:
                    case SwitchExpressionSyntax switchExpression when child != switchExpression.GoverningExpression:
                        return false;
                }
            }

            return true;
        }

        public void Apply(DocumentEditSession session)
        {
            var editor = session.Editor;
            var generator = editor.Generator;
            var write = _statement.ReplaceNodes(
                    _awaits,
                    (original, _) => ((ExpressionSyntax)generator.IdentifierName(_names[IndexOf(original)])).WithTriviaFrom(original))
                .WithoutLeadingTrivia()
                .WithAdditionalAnnotations(Formatter.Annotation);
            for (var i = 0; i < _awaits.Count; i++)
            {
                var declaration = ((StatementSyntax)generator.LocalDeclarationStatement(_names[i], _awaits[i].WithoutTrivia()))
                    .WithAdditionalAnnotations(Formatter.Annotation);
                if (i == 0)
                {
                    declaration = declaration.WithLeadingTrivia(_statement.GetLeadingTrivia());
                }

                editor.InsertBefore(_statement, declaration);
            }

            editor.ReplaceNode(_statement, write);
        }

        private int IndexOf(AwaitExpressionSyntax await)
        {
            for (var i = 0; i < _awaits.Count; i++)
            {
                if (_awaits[i] == await)
                {
                    return i;
                }
            }

            return 0;
        }
    }
}
