using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// Per-compilation summaries of trivial members: a getter or parameterless method whose body only returns a
    /// field of its type (<c>int Count => _count;</c>, <c>get { return _count; }</c>, <c>int GetCount() => _count;</c>,
    /// also under a lock taken and given back inside the member) reads that field; a setter whose body only assigns <c>value</c> to it writes it. Read from syntax once per
    /// member and cached, so a property without such a body costs one lookup.
    /// </summary>
    internal sealed class TrivialAccessors
    {
        private readonly ConcurrentDictionary<IMethodSymbol, IFieldSymbol?> _read = new ConcurrentDictionary<IMethodSymbol, IFieldSymbol?>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, IFieldSymbol?> _written = new ConcurrentDictionary<IMethodSymbol, IFieldSymbol?>(SymbolEqualityComparer.Default);

        /// <summary>The field a property stands for: its getter returns it and its setter, if any, assigns it.</summary>
        public IFieldSymbol? FieldOf(IPropertySymbol property)
        {
            if (property.GetMethod is not { } getter || FieldReadBy(getter) is not { } field)
            {
                return null;
            }

            return property.SetMethod is null || SymbolEqualityComparer.Default.Equals(FieldWrittenBy(property.SetMethod), field) ? field : null;
        }

        /// <summary>The field a getter or parameterless method only returns.</summary>
        public IFieldSymbol? FieldReadBy(IMethodSymbol method)
            => method.Parameters.Length == 0 ? _read.GetOrAdd(method, m => FieldNamed(ReturnedExpression(m), m.ContainingType)) : null;

        private IFieldSymbol? FieldWrittenBy(IMethodSymbol setter) => _written.GetOrAdd(setter, m => FieldNamed(AssignedFromValue(m), m.ContainingType));

        private static ExpressionSyntax? ReturnedExpression(IMethodSymbol method)
        {
            if (method.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            return method.DeclaringSyntaxReferences[0].GetSyntax() switch
            {
                ArrowExpressionClauseSyntax arrow => arrow.Expression,
                AccessorDeclarationSyntax accessor => accessor.ExpressionBody?.Expression ?? SingleReturn(accessor.Body),
                MethodDeclarationSyntax declaration => declaration.ExpressionBody?.Expression ?? SingleReturn(declaration.Body),
                _ => null,
            };
        }

        private static ExpressionSyntax? AssignedFromValue(IMethodSymbol setter)
        {
            if (setter.DeclaringSyntaxReferences.Length != 1 || setter.DeclaringSyntaxReferences[0].GetSyntax() is not AccessorDeclarationSyntax accessor)
            {
                return null;
            }

            return SingleAssignment(accessor) is { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Right: IdentifierNameSyntax { Identifier.ValueText: "value" } } assignment
                ? assignment.Left
                : null;
        }

        /// <summary>
        /// The expression a body of one <c>return</c> statement returns, also when it returns it under a lock
        /// (<c>lock (_sync) return _f;</c>, or <c>_gate.Wait(); try { return _f; } finally { _gate.Release(); }</c>): the
        /// lock is given back when the member returns, so the caller holds a plain read of the field.
        /// </summary>
        internal static ExpressionSyntax? SingleReturn(BlockSyntax? body)
            => body is null ? null
                : body.Statements.Count == 1 ? Returned(body.Statements[0])
                : body.Statements.Count == 2 && IsWaitCall(body.Statements[0]) && body.Statements[1] is TryStatementSyntax { Catches.Count: 0, Finally: not null } guarded
                    ? SingleReturn(guarded.Block)
                    : null;

        private static ExpressionSyntax? Returned(StatementSyntax statement)
            => statement switch
            {
                ReturnStatementSyntax { Expression: { } returned } => returned,
                LockStatementSyntax locked => Returned(locked.Statement),
                BlockSyntax block => SingleReturn(block),
                _ => null,
            };

        /// <summary><c>x.Wait();</c>: a semaphore taken synchronously (a getter cannot await).</summary>
        private static bool IsWaitCall(StatementSyntax statement)
            => statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } } };

        /// <summary>The assignment an accessor consists of (its expression body, or its only statement, also under a lock).</summary>
        internal static AssignmentExpressionSyntax? SingleAssignment(AccessorDeclarationSyntax accessor)
            => accessor.ExpressionBody?.Expression as AssignmentExpressionSyntax
                ?? (accessor.Body is { Statements.Count: 1 } body ? Assigned(body.Statements[0]) : null);

        private static AssignmentExpressionSyntax? Assigned(StatementSyntax statement)
            => statement switch
            {
                ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax single } => single,
                LockStatementSyntax locked => Assigned(locked.Statement),
                BlockSyntax { Statements.Count: 1 } block => Assigned(block.Statements[0]),
                _ => null,
            };

        /// <summary>The field name in <c>_f</c> or <c>this._f</c>; null for any other expression.</summary>
        internal static string? FieldName(ExpressionSyntax? expression)
            => expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText,
                _ => null,
            };

        /// <summary><c>_f</c> or <c>this._f</c> naming a field of <paramref name="type"/>.</summary>
        private static IFieldSymbol? FieldNamed(ExpressionSyntax? expression, INamedTypeSymbol? type)
        {
            var name = FieldName(expression);
            if (name is null || type is null)
            {
                return null;
            }

            foreach (var member in type.GetMembers(name))
            {
                if (member is IFieldSymbol field)
                {
                    return field;
                }
            }

            return null;
        }
    }
}
