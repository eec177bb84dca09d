using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// Whether one use of a local that holds an object created in the body lets that object escape to other tasks
    /// before the body's writes. Private uses: member accesses and calls on the object itself (a collection's own
    /// <c>Add</c>, <c>TryGetValue</c>, indexer, <c>Count</c>), iterating it, returning it (a return ends the body, so
    /// it comes after every write), and passing it to a consumer that keeps nothing: <c>Task.WhenAll</c>-like
    /// waits, eager LINQ operators, or a method of the same compilation whose parameter is only read through.
    /// </summary>
    internal static class ObjectEscape
    {
        public static bool IsFreshObject(IOperation value)
        {
            var unwrapped = value.WithoutConversions();
            return unwrapped.Kind is OperationKind.ObjectCreation or OperationKind.AnonymousObjectCreation or OperationKind.ArrayCreation
                || unwrapped.Syntax.IsKind(SyntaxKind.CollectionExpression);
        }

        public static bool IsPrivateUse(ILocalReferenceOperation reference, out bool isFreshAssignment)
        {
            isFreshAssignment = false;
            IOperation use = reference;
            while (use.Parent is IConversionOperation conversion)
            {
                use = conversion;
            }

            switch (use.Parent)
            {
                case IFieldReferenceOperation field when field.Instance == use:
                case IPropertyReferenceOperation property when property.Instance == use:
                case IInvocationOperation invocation when invocation.Instance == use:
                case IArrayElementReferenceOperation element when element.ArrayReference == use:
                case IForEachLoopOperation loop when loop.Collection == use:
                case IConditionalAccessOperation conditional when conditional.Operation == use:
                case IReturnOperation { Kind: OperationKind.Return }:
                    return true;
                case ISimpleAssignmentOperation assignment when assignment.Target == use:
                    // null is no object at all: it neither shares the variable nor makes it private.
                    isFreshAssignment = IsFreshObject(assignment.Value);
                    return isFreshAssignment || assignment.Value.IsNullConstant();
                case ICoalesceAssignmentOperation coalesce when coalesce.Target == use:
                    isFreshAssignment = IsFreshObject(coalesce.Value);
                    return isFreshAssignment;
                case IArgumentOperation { Parameter: { RefKind: RefKind.None } parameter, Parent: IInvocationOperation call }:
                    return KeepsNothing(call.TargetMethod, parameter);
                default:
                    return false;
            }
        }

        /// <summary>
        /// Before binding: whether this occurrence of a name may pass on the object a local of that name holds. Only
        /// the positions <see cref="IsPrivateUse"/> keeps private whatever the types are answer false: the receiver of
        /// a member or element access, the tested value of <c>?.</c>, the collection of a <c>foreach</c>, a returned
        /// value; so do occurrences that are no use of a variable (a member's, a called method's or a type's name).
        /// Any other (an argument, an alias, an array element, a branch of <c>?:</c>, a cast) may pass it on.
        /// </summary>
        internal static bool MayPassOn(IdentifierNameSyntax name)
            => name.Parent switch
            {
                // The receiver of a member access (its calls taken for the object's own methods, as the candidate filter
                // always has), or the member's name.
                MemberAccessExpressionSyntax or MemberBindingExpressionSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax => false,
                ElementAccessExpressionSyntax element => element.Expression != name,
                ConditionalAccessExpressionSyntax conditional => conditional.Expression != name,
                ForEachStatementSyntax loop => loop.Expression != name,
                ReturnStatementSyntax => false,
                InvocationExpressionSyntax invocation => invocation.Expression != name,
                _ => !SyntaxFacts.IsInTypeOnlyContext(name),
            };

        /// <summary>True for a call that only reads through the argument and keeps no reference to it.</summary>
        private static bool KeepsNothing(IMethodSymbol method, IParameterSymbol parameter)
        {
            var type = method.ContainingType;
            if (type is null)
            {
                return false;
            }

            // Waiting on a set of tasks, or an eager LINQ operator (one that does not return a lazy sequence).
            if (IsType(type, "System.Threading.Tasks", "Task") && method.Name is "WhenAll" or "WhenAny" or "WaitAll" or "WaitAny")
            {
                return true;
            }

            if (IsType(type, "System.Linq", "Enumerable"))
            {
                var returned = method.OriginalDefinition.ReturnType;
                return method.Name.StartsWith("To", System.StringComparison.Ordinal)
                    || returned.SpecialType != SpecialType.None
                    || returned.TypeKind == TypeKind.TypeParameter;
            }

            return OnlyReadsThrough(method, parameter);
        }

        /// <summary>
        /// A method of this compilation whose body uses the parameter only as the receiver of member and element
        /// accesses, as the collection of a <c>foreach</c> or in a null test, and declares no lambda or local function
        /// that mentions it: the object is
        /// used while the call runs and kept nowhere. Read from syntax, so no other semantic model is needed.
        /// </summary>
        internal static bool OnlyReadsThrough(IMethodSymbol method, IParameterSymbol parameter)
        {
            if (method.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var body = method.DeclaringSyntaxReferences[0].GetSyntax() switch
            {
                BaseMethodDeclarationSyntax declaration => (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody,
                LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                _ => null,
            };
            if (body is null)
            {
                return false;
            }

            foreach (var node in body.DescendantNodes())
            {
                switch (node)
                {
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax when Mentions(node, parameter.Name):
                        // A function that captures the parameter could keep it.
                        return false;
                    case IdentifierNameSyntax identifier when identifier.Identifier.ValueText == parameter.Name && !IsReadThrough(identifier):
                        return false;
                }
            }

            return true;
        }

        private static bool Mentions(SyntaxNode node, string name)
        {
            foreach (var token in node.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A use that reads through the object or tests it against null, and keeps no reference to it.</summary>
        internal static bool IsReadThrough(IdentifierNameSyntax identifier)
            => identifier.Parent switch
            {
                MemberAccessExpressionSyntax access => access.Expression == identifier,
                ElementAccessExpressionSyntax element => element.Expression == identifier,
                ConditionalAccessExpressionSyntax conditional => conditional.Expression == identifier,
                ForEachStatementSyntax loop => loop.Expression == identifier,
                IsPatternExpressionSyntax test => test.Expression == identifier,
                BinaryExpressionSyntax comparison => comparison.Kind() is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression
                    && (comparison.Left.IsKind(SyntaxKind.NullLiteralExpression) || comparison.Right.IsKind(SyntaxKind.NullLiteralExpression)),
                _ => false,
            };

        private static bool IsType(INamedTypeSymbol type, string ns, string name)
            => type.Name == name && type.ContainingNamespace?.ToDisplayString() == ns;
    }
}
