using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AwaitRaceAnalyzer.CodeFixes.SemaphoreSlim
{
    /// <summary>
    /// Locals declared in a wrapped range but used after it: declared before the gate is taken, assigned inside,
    /// so the code still compiles once the range moves into a <c>try</c> block. Handles declaration statements,
    /// <c>out var x</c> / <c>out T x</c> arguments and deconstructions (<c>var (a, b) = …</c>, <c>(var a, var b) = …</c>).
    /// A pattern variable (<c>is T t</c>), a constant, a local function or a <c>using</c> variable used after the range
    /// cannot be hoisted, and a <c>using</c> declaration followed by more statements would be disposed earlier: the fix is
    /// then not offered (<see cref="TryPlan"/> returns null).
    /// </summary>
    internal sealed class Hoisting
    {
        private static readonly Hoisting Nothing = new Hoisting(new Dictionary<int, StatementHoist>());

        private readonly Dictionary<int, StatementHoist> _byStatement;

        private Hoisting(Dictionary<int, StatementHoist> byStatement)
        {
            _byStatement = byStatement;
        }

        /// <summary>Plans the hoisting for statements <paramref name="first"/>..<paramref name="last"/> of <paramref name="block"/> (nothing when it cannot be planned).</summary>
        public static Hoisting Plan(BlockSyntax block, int first, int last, SemanticModel model, CancellationToken cancellationToken)
            => TryPlan(block, first, last, model, cancellationToken) ?? Nothing;

        /// <summary>
        /// False when the range declares something used after it that cannot be hoisted, or a <c>using</c> variable
        /// whose disposal the wrap would move: wrapping the range would then break the code, so the fix is not offered.
        /// </summary>
        public static bool CanWrap(BlockSyntax block, int first, int last, SemanticModel model, CancellationToken cancellationToken)
            => TryPlan(block, first, last, model, cancellationToken) is not null;

        private static Hoisting? TryPlan(BlockSyntax block, int first, int last, SemanticModel model, CancellationToken cancellationToken)
        {
            var byStatement = new Dictionary<int, StatementHoist>();
            var after = block.Statements.Skip(last + 1).ToList();
            if (after.Count == 0)
            {
                return Nothing;
            }

            bool UsedAfter(ISymbol? symbol) => symbol is not null && after.Any(statement => SyntaxFacts.RefersTo(statement, symbol, model, cancellationToken));

            for (var index = first; index <= last; index++)
            {
                var statement = block.Statements[index];
                var hoist = new StatementHoist();
                switch (statement)
                {
                    case LocalDeclarationStatementSyntax declaration when declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword):
                        // Inside the try block it would be disposed when the range ends, before the statements after it.
                        return null;
                    case LocalDeclarationStatementSyntax declaration when declaration.IsConst:
                        if (declaration.Declaration.Variables.Any(v => UsedAfter(model.GetDeclaredSymbol(v, cancellationToken))))
                        {
                            return null;
                        }

                        break;
                    case LocalDeclarationStatementSyntax declaration:
                        var locals = declaration.Declaration.Variables
                            .Select(v => model.GetDeclaredSymbol(v, cancellationToken) as ILocalSymbol)
                            .ToList();
                        if (locals.Any(UsedAfter))
                        {
                            if (locals.Any(local => local is null || !CanBeNamed(local.Type)))
                            {
                                return null;
                            }

                            hoist.Locals.AddRange(locals!);
                            hoist.IsDeclarationStatement = true;
                        }

                        break;
                    case LocalFunctionStatementSyntax function:
                        if (UsedAfter(model.GetDeclaredSymbol(function, cancellationToken)))
                        {
                            return null;
                        }

                        continue;
                }

                // Variables declared inside expressions of the statement (out var, patterns, deconstruction).
                foreach (var designation in ExpressionDesignations(statement))
                {
                    if (model.GetDeclaredSymbol(designation, cancellationToken) is not ILocalSymbol local || !UsedAfter(local))
                    {
                        continue;
                    }

                    if (OwningDeclarationExpression(designation) is not { } declarationExpression)
                    {
                        // A pattern variable: it cannot be assigned from outside the pattern.
                        return null;
                    }

                    if (hoist.Expressions.Contains(declarationExpression))
                    {
                        continue;
                    }

                    var declared = declarationExpression.Designation.DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>()
                        .Select(d => model.GetDeclaredSymbol(d, cancellationToken) as ILocalSymbol)
                        .ToList();
                    if (declared.Any(d => d is null || !CanBeNamed(d.Type)))
                    {
                        return null;
                    }

                    hoist.Expressions.Add(declarationExpression);
                    hoist.Locals.AddRange(declared!);
                }

                if (hoist.Locals.Count > 0)
                {
                    byStatement.Add(index, hoist);
                }
            }

            return new Hoisting(byStatement);
        }

        /// <summary>Designations in the statement's own expressions, not in nested functions.</summary>
        private static IEnumerable<SingleVariableDesignationSyntax> ExpressionDesignations(StatementSyntax statement)
            => statement.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                .OfType<SingleVariableDesignationSyntax>();

        /// <summary>
        /// The declaration expression a variable can be hoisted out of: an <c>out</c> argument (<c>out var x</c>) or
        /// the left side of a deconstruction (<c>var (a, b) = …</c>, <c>(var a, var b) = …</c>); null for patterns.
        /// </summary>
        private static DeclarationExpressionSyntax? OwningDeclarationExpression(SingleVariableDesignationSyntax designation)
        {
            SyntaxNode node = designation;
            while (node.Parent is ParenthesizedVariableDesignationSyntax)
            {
                node = node.Parent;
            }

            if (node.Parent is not DeclarationExpressionSyntax expression)
            {
                return null;
            }

            if (expression.Parent is ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.OutKeyword, Parent: ArgumentListSyntax })
            {
                return expression;
            }

            // var (a, b) = …, or (var a, var b) = … (possibly nested in tuples).
            SyntaxNode top = expression;
            while (top.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax tuple })
            {
                top = tuple;
            }

            return top.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment && assignment.Left == top
                ? expression
                : null;
        }

        private static bool CanBeNamed(ITypeSymbol type)
            => type.TypeKind != TypeKind.Error
                && !type.IsAnonymousType
                && !(type is INamedTypeSymbol named && named.TypeArguments.Any(argument => !CanBeNamed(argument)))
                && !(type is IArrayTypeSymbol array && !CanBeNamed(array.ElementType));

        /// <summary>The declarations to place before the gate is acquired.</summary>
        public IEnumerable<StatementSyntax> Declarations(SyntaxGenerator generator)
        {
            foreach (var pair in _byStatement.OrderBy(pair => pair.Key))
            {
                foreach (var local in pair.Value.Locals)
                {
                    var typeSyntax = generator.TypeExpression(local.Type).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
                    yield return ((StatementSyntax)generator.LocalDeclarationStatement(typeSyntax, local.Name)).WithAdditionalAnnotations(Formatter.Annotation);
                }
            }
        }

        /// <summary>
        /// The statement as it appears inside the protected range: a hoisted declaration becomes assignments, and a
        /// hoisted <c>out var x</c> or <c>var (a, b)</c> becomes <c>out x</c> or <c>(a, b)</c>.
        /// </summary>
        public IEnumerable<StatementSyntax> RewriteInside(int index, StatementSyntax current, SyntaxGenerator generator)
        {
            if (!_byStatement.TryGetValue(index, out var hoist))
            {
                return new[] { current };
            }

            if (hoist.Expressions.Count > 0)
            {
                var names = new HashSet<string>(hoist.Locals.Select(local => local.Name));
                var targets = current.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                    .OfType<DeclarationExpressionSyntax>()
                    .Where(expression =>
                    {
                        var variables = expression.Designation.DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>().ToList();
                        return variables.Count > 0 && variables.All(d => names.Contains(d.Identifier.ValueText));
                    })
                    .ToList();
                current = current.ReplaceNodes(targets, (original, _) => AsExpression(original.Designation).WithTriviaFrom(original));
            }

            if (!hoist.IsDeclarationStatement || current is not LocalDeclarationStatementSyntax declaration)
            {
                return new[] { current };
            }

            var assignments = declaration.Declaration.Variables
                .Where(declarator => declarator.Initializer is not null)
                .Select(declarator => (StatementSyntax)generator.ExpressionStatement(
                    generator.AssignmentStatement(generator.IdentifierName(declarator.Identifier.ValueText), declarator.Initializer!.Value)))
                .ToList();
            if (assignments.Count == 0)
            {
                // Nothing left to run here; keep the statement's comments with an empty statement rather than lose them.
                return declaration.GetLeadingTrivia().Any(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia))
                    ? new StatementSyntax[] { SyntaxFactory.EmptyStatement().WithTriviaFrom(declaration) }
                    : new StatementSyntax[0];
            }

            assignments[0] = assignments[0].WithLeadingTrivia(declaration.GetLeadingTrivia());
            assignments[assignments.Count - 1] = assignments[assignments.Count - 1].WithTrailingTrivia(declaration.GetTrailingTrivia());
            return assignments.Select(a => a.WithAdditionalAnnotations(Formatter.Annotation));
        }

        /// <summary><c>x</c> → <c>x</c>, <c>(a, (b, _))</c> → the tuple expression <c>(a, (b, _))</c>.</summary>
        private static ExpressionSyntax AsExpression(VariableDesignationSyntax designation)
            => designation switch
            {
                SingleVariableDesignationSyntax single => SyntaxFactory.IdentifierName(single.Identifier.WithoutTrivia()),
                DiscardDesignationSyntax => SyntaxFactory.IdentifierName("_"),
                ParenthesizedVariableDesignationSyntax parenthesized => SyntaxFactory.TupleExpression(
                    SyntaxFactory.SeparatedList(parenthesized.Variables.Select(v => SyntaxFactory.Argument(AsExpression(v))))),
                _ => SyntaxFactory.IdentifierName("_"),
            };

        private sealed class StatementHoist
        {
            public List<ILocalSymbol> Locals { get; } = new List<ILocalSymbol>();

            public HashSet<DeclarationExpressionSyntax> Expressions { get; } = new HashSet<DeclarationExpressionSyntax>();

            public bool IsDeclarationStatement { get; set; }
        }
    }
}
