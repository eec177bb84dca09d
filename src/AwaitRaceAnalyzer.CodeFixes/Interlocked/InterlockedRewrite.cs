using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using StateKinds = AwaitRaceAnalyzer.DiagnosticProperties.StateKinds;
using UpdateKinds = AwaitRaceAnalyzer.DiagnosticProperties.UpdateKinds;

namespace AwaitRaceAnalyzer.CodeFixes.Interlocked
{
    /// <summary>
    /// Rewrites a lost update of an integral field or captured variable as one atomic <c>Interlocked</c> operation:
    /// <c>x += d</c> and <c>x = c ± d</c> (with <c>c</c> the stale copy) become <c>Increment</c>, <c>Decrement</c>
    /// or <c>Add</c>; another pure function of <c>c</c> becomes a <c>CompareExchange</c> loop. Only offered when the
    /// rewrite keeps the program's meaning: the write is a whole statement, the update is additive or pure, and the
    /// stale copy is removed only when nothing else uses it.
    /// </summary>
    internal sealed class InterlockedRewrite : IFixPlan
    {
        private readonly ExpressionStatementSyntax _statement;
        private readonly VariableDeclaratorSyntax? _unusedSnapshot;
        private readonly System.Func<SyntaxGenerator, IReadOnlyList<StatementSyntax>> _build;

        private InterlockedRewrite(ExpressionStatementSyntax statement, VariableDeclaratorSyntax? unusedSnapshot, System.Func<SyntaxGenerator, IReadOnlyList<StatementSyntax>> build)
        {
            _statement = statement;
            _unusedSnapshot = unusedSnapshot;
            _build = build;
        }

        public static InterlockedRewrite? TryPlan(DiagnosticNodes nodes, SemanticModel model, CancellationToken cancellationToken)
        {
            // The analyzer says what it saw; the syntax checks below only confirm it.
            if (nodes.Diagnostic.Id is not (DiagnosticIds.LostUpdate or DiagnosticIds.AdvisoryLostUpdate)
                || nodes.StateKind is not (StateKinds.Field or StateKinds.StaticField or StateKinds.CapturedVariable)
                || nodes.UpdateKind is not (UpdateKinds.Assignment or UpdateKinds.Compound)
                || nodes.Write is not AssignmentExpressionSyntax assignment
                || assignment.Parent is not ExpressionStatementSyntax statement
                || KnownSymbols.Create(model.Compilation).Interlocked is not { } interlocked)
            {
                return null;
            }

            var target = assignment.Left;
            var symbol = model.GetSymbolInfo(target, cancellationToken).Symbol;
            if (symbol is IFieldSymbol { IsVolatile: true } or IFieldSymbol { IsReadOnly: true }
                || symbol is not (IFieldSymbol or ILocalSymbol or IParameterSymbol)
                || model.GetTypeInfo(target, cancellationToken).Type is not { } stateType)
            {
                return null;
            }

            var context = new Context(interlocked, stateType, target, model);
            if (assignment.IsKind(SyntaxKind.AddAssignmentExpression) || assignment.IsKind(SyntaxKind.SubtractAssignmentExpression))
            {
                return nodes.Read.Span == target.Span
                    ? Additive(statement, null, context, assignment.Right, subtract: assignment.IsKind(SyntaxKind.SubtractAssignmentExpression), cancellationToken)
                    : null;
            }

            if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                || nodes.Read.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol snapshot)
            {
                return null;
            }

            var value = SyntaxWalks.WithoutParentheses(assignment.Right);
            var unused = IsUsedOnlyIn(snapshot, declarator, value, model, cancellationToken) ? declarator : null;
            if (value is BinaryExpressionSyntax binary && (binary.IsKind(SyntaxKind.AddExpression) || binary.IsKind(SyntaxKind.SubtractExpression)))
            {
                var subtract = binary.IsKind(SyntaxKind.SubtractExpression);
                ExpressionSyntax? delta = null;
                if (SyntaxFacts.RefersTo(binary.Left, snapshot, model, cancellationToken) && binary.Left is IdentifierNameSyntax)
                {
                    delta = binary.Right;
                }
                else if (!subtract && SyntaxFacts.RefersTo(binary.Right, snapshot, model, cancellationToken) && binary.Right is IdentifierNameSyntax)
                {
                    delta = binary.Left;
                }

                if (delta is not null
                    && !SyntaxFacts.RefersTo(delta, snapshot, model, cancellationToken)
                    && !SyntaxFacts.RefersTo(delta, symbol, model, cancellationToken))
                {
                    return Additive(statement, unused, context, delta, subtract, cancellationToken);
                }
            }

            return IsPure(value, model, cancellationToken) && HasCompareExchange(context)
                ? CompareExchangeLoop(statement, unused, context, value, snapshot, cancellationToken)
                : null;
        }

        public void Apply(DocumentEditSession session)
        {
            var editor = session.Editor;
            var statements = _build(editor.Generator).ToList();
            statements[0] = statements[0].WithLeadingTrivia(_statement.GetLeadingTrivia());
            statements[statements.Count - 1] = statements[statements.Count - 1].WithTrailingTrivia(_statement.GetTrailingTrivia());
            if (statements.Count == 1)
            {
                editor.ReplaceNode(_statement, statements[0]);
            }
            else
            {
                editor.InsertBefore(_statement, statements.Take(statements.Count - 1));
                editor.ReplaceNode(_statement, statements[statements.Count - 1]);
            }

            if (_unusedSnapshot is not null && session.Removed.Add(_unusedSnapshot))
            {
                // The stale copy has no other use; its comments stay.
                if (_unusedSnapshot.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax declaration })
                {
                    StatementRemoval.Remove(editor, declaration);
                }
                else
                {
                    editor.RemoveNode(_unusedSnapshot, SyntaxRemoveOptions.KeepNoTrivia);
                }
            }
        }

        private static InterlockedRewrite? Additive(ExpressionStatementSyntax statement, VariableDeclaratorSyntax? unused, Context context, ExpressionSyntax delta, bool subtract, CancellationToken cancellationToken)
        {
            var signed = context.StateType.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64;
            var isOne = context.Model.GetConstantValue(delta, cancellationToken) is { HasValue: true, Value: { } constant } && System.Convert.ToDecimal(constant) == 1m;
            var method = isOne ? (subtract ? "Decrement" : "Increment") : "Add";
            if (!context.HasOverload(method)
                || (!isOne && subtract && !signed)
                || !context.Model.ClassifyConversion(delta, context.StateType).IsImplicit)
            {
                return null;
            }

            var awaits = delta.DescendantNodesAndSelf().OfType<AwaitExpressionSyntax>().Any();
            return new InterlockedRewrite(statement, unused, generator =>
            {
                var result = new List<StatementSyntax>();
                SyntaxNode? operand = null;
                if (!isOne)
                {
                    operand = SyntaxWalks.WithoutParentheses(delta).WithoutTrivia();
                    if (awaits)
                    {
                        // The awaited amount is computed first, as before; only the update itself is atomic.
                        var name = UniqueNames.InScopeAt(context.Model, statement.SpanStart, "delta");
                        result.Add(Format(generator.LocalDeclarationStatement(name, operand)));
                        operand = generator.IdentifierName(name);
                    }

                    if (subtract)
                    {
                        operand = generator.NegateExpression(operand);
                    }
                }

                var arguments = new List<SyntaxNode> { generator.Argument(RefKind.Ref, context.Target.WithoutTrivia()) };
                if (operand is not null)
                {
                    arguments.Add(operand);
                }

                result.Add(Format(generator.ExpressionStatement(generator.InvocationExpression(
                    generator.MemberAccessExpression(context.InterlockedType(generator), method), arguments))));
                return result;
            });
        }

        private static InterlockedRewrite CompareExchangeLoop(ExpressionStatementSyntax statement, VariableDeclaratorSyntax? unused, Context context, ExpressionSyntax value, ILocalSymbol snapshot, CancellationToken cancellationToken)
        {
            return new InterlockedRewrite(statement, unused, generator =>
            {
                var initial = UniqueNames.InScopeAt(context.Model, statement.SpanStart, "initial");
                var computed = UniqueNames.InScopeAt(context.Model, statement.SpanStart, "computed");
                var type = generator.TypeExpression(context.StateType).WithAdditionalAnnotations(Simplifier.Annotation);
                var references = SyntaxFacts.References(value, snapshot, context.Model, cancellationToken);
                var update = value.ReplaceNodes(references, (_, current) => SyntaxFactory.IdentifierName(initial).WithTriviaFrom(current)).WithoutTrivia();

                var exchange = generator.InvocationExpression(
                    generator.MemberAccessExpression(context.InterlockedType(generator), "CompareExchange"),
                    generator.Argument(RefKind.Ref, context.Target.WithoutTrivia()),
                    generator.IdentifierName(computed),
                    generator.IdentifierName(initial));
                var body = SyntaxFactory.Block(
                    (StatementSyntax)generator.ExpressionStatement(generator.AssignmentStatement(generator.IdentifierName(initial), context.Target.WithoutTrivia())),
                    (StatementSyntax)generator.ExpressionStatement(generator.AssignmentStatement(generator.IdentifierName(computed), update)));
                var loop = SyntaxFactory.DoStatement(body, (ExpressionSyntax)generator.ValueNotEqualsExpression(exchange, generator.IdentifierName(initial)));
                return new[]
                {
                    Format(generator.LocalDeclarationStatement(type, initial)),
                    Format(generator.LocalDeclarationStatement(type, computed)),
                    Format(loop),
                };
            });
        }

        private static bool HasCompareExchange(Context context)
            => context.StateType.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32
                or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double
                && context.HasOverload("CompareExchange");

        /// <summary>Pure: built from the stale copy, locals, parameters, constants, operators and System.Math calls only.</summary>
        private static bool IsPure(ExpressionSyntax value, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var node in value.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case LiteralExpressionSyntax:
                    case BinaryExpressionSyntax:
                    case ParenthesizedExpressionSyntax:
                    case ConditionalExpressionSyntax:
                    case CastExpressionSyntax:
                    case PredefinedTypeSyntax:
                    case ArgumentListSyntax:
                    case ArgumentSyntax { RefKindKeyword.RawKind: 0 }:
                    case PrefixUnaryExpressionSyntax prefix when !prefix.IsKind(SyntaxKind.PreIncrementExpression) && !prefix.IsKind(SyntaxKind.PreDecrementExpression):
                        continue;
                    case MemberAccessExpressionSyntax:
                        continue;
                    case InvocationExpressionSyntax invocation:
                        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { IsStatic: true } method
                            && method.ContainingType.ToDisplayString() is "System.Math" or "System.MathF")
                        {
                            continue;
                        }

                        return false;
                    case IdentifierNameSyntax identifier:
                        var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
                        if (symbol is ILocalSymbol or IParameterSymbol or INamedTypeSymbol or IMethodSymbol || symbol is IFieldSymbol { IsConst: true })
                        {
                            continue;
                        }

                        return false;
                    default:
                        return false;
                }
            }

            return true;
        }

        private static bool IsUsedOnlyIn(ILocalSymbol local, VariableDeclaratorSyntax declarator, SyntaxNode value, SemanticModel model, CancellationToken cancellationToken)
        {
            var scope = SyntaxFacts.EnclosingFunction(declarator);
            if (scope is null)
            {
                return false;
            }

            return SyntaxFacts.References(scope, local, model, cancellationToken).All(identifier => value.Span.Contains(identifier.Span));
        }

        private static StatementSyntax Format(SyntaxNode statement) => ((StatementSyntax)statement).WithAdditionalAnnotations(Formatter.Annotation);

        private sealed class Context
        {
            private readonly INamedTypeSymbol _interlocked;

            public Context(INamedTypeSymbol interlocked, ITypeSymbol stateType, ExpressionSyntax target, SemanticModel model)
            {
                _interlocked = interlocked;
                StateType = stateType;
                Target = target;
                Model = model;
            }

            public ITypeSymbol StateType { get; }

            public ExpressionSyntax Target { get; }

            public SemanticModel Model { get; }

            public bool HasOverload(string name)
                => _interlocked.GetMembers(name).OfType<IMethodSymbol>().Any(method =>
                    method.Parameters.Length > 0
                    && method.Parameters[0].RefKind == RefKind.Ref
                    && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, StateType));

            public SyntaxNode InterlockedType(SyntaxGenerator generator)
                => generator.TypeExpression(_interlocked).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        }
    }
}
