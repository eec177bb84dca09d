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
    /// so the code still compiles once the range moves into a <c>try</c> block.
    /// </summary>
    internal sealed class Hoisting
    {
        private readonly Dictionary<int, List<(string Name, ITypeSymbol Type)>> _byStatement;

        private Hoisting(Dictionary<int, List<(string Name, ITypeSymbol Type)>> byStatement)
        {
            _byStatement = byStatement;
        }

        /// <summary>Plans the hoisting for statements <paramref name="first"/>..<paramref name="last"/> of <paramref name="block"/>.</summary>
        public static Hoisting Plan(BlockSyntax block, int first, int last, SemanticModel model, CancellationToken cancellationToken)
        {
            var byStatement = new Dictionary<int, List<(string, ITypeSymbol)>>();
            var after = block.Statements.Skip(last + 1).ToList();
            for (var index = first; index <= last && after.Count > 0; index++)
            {
                if (block.Statements[index] is not LocalDeclarationStatementSyntax declaration || declaration.IsConst || declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword))
                {
                    continue;
                }

                var variables = new List<(string, ITypeSymbol)>();
                var usedAfter = false;
                foreach (var declarator in declaration.Declaration.Variables)
                {
                    if (model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local)
                    {
                        continue;
                    }

                    variables.Add((local.Name, local.Type));
                    usedAfter |= after.Any(statement => SyntaxFacts.RefersTo(statement, local, model, cancellationToken));
                }

                if (usedAfter)
                {
                    byStatement.Add(index, variables);
                }
            }

            return new Hoisting(byStatement);
        }

        /// <summary>
        /// False when the range declares something used after it that cannot be hoisted (a constant, a <c>using</c>
        /// variable, a local function): wrapping the range would then break the code, so the fix is not offered.
        /// </summary>
        public static bool CanWrap(BlockSyntax block, int first, int last, SemanticModel model, CancellationToken cancellationToken)
        {
            var after = block.Statements.Skip(last + 1).ToList();
            for (var index = first; index <= last && after.Count > 0; index++)
            {
                var declared = block.Statements[index] switch
                {
                    LocalDeclarationStatementSyntax declaration when declaration.IsConst || declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword)
                        => declaration.Declaration.Variables.Select(v => model.GetDeclaredSymbol(v, cancellationToken)),
                    LocalFunctionStatementSyntax function => new[] { model.GetDeclaredSymbol(function, cancellationToken) },
                    _ => Enumerable.Empty<ISymbol?>(),
                };

                foreach (var symbol in declared)
                {
                    if (symbol is not null && after.Any(statement => SyntaxFacts.RefersTo(statement, symbol, model, cancellationToken)))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>The declarations to place before the gate is acquired.</summary>
        public IEnumerable<StatementSyntax> Declarations(SyntaxGenerator generator)
        {
            foreach (var pair in _byStatement.OrderBy(pair => pair.Key))
            {
                foreach (var (name, type) in pair.Value)
                {
                    var typeSyntax = generator.TypeExpression(type).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
                    yield return ((StatementSyntax)generator.LocalDeclarationStatement(typeSyntax, name)).WithAdditionalAnnotations(Formatter.Annotation);
                }
            }
        }

        /// <summary>The statement as it appears inside the protected range: a hoisted declaration becomes assignments.</summary>
        public IEnumerable<StatementSyntax> RewriteInside(int index, StatementSyntax current, SyntaxGenerator generator)
        {
            if (!_byStatement.ContainsKey(index) || current is not LocalDeclarationStatementSyntax declaration)
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
    }
}
