using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Concurrency
{
    /// <summary>
    /// Whether the calls a fan-out starts all reach one object: the receiver is <c>this</c> (or none), a field, a
    /// property, a type (a static method), or a variable declared outside the code that runs once per task (the
    /// delegate, the loop). A variable declared inside it (a lambda's parameter, a new object per iteration) is a
    /// different object each time.
    /// </summary>
    internal static class SameObject
    {
        public static bool Reached(InvocationExpressionSyntax call, SyntaxNode perTask, SemanticModel model)
        {
            var receiver = call.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Expression,
                MemberBindingExpressionSyntax => null,
                _ => (ExpressionSyntax?)null,
            };
            if (call.Expression is MemberBindingExpressionSyntax)
            {
                return false;
            }

            return receiver is null || Shared(receiver, perTask, model);
        }

        /// <summary>A method group handed to the fan-out: its receiver, if any, must be shared the same way.</summary>
        public static bool ReachedByGroup(ExpressionSyntax group, SyntaxNode perTask, SemanticModel model)
            => group is not MemberAccessExpressionSyntax access || Shared(access.Expression, perTask, model);

        private static bool Shared(ExpressionSyntax receiver, SyntaxNode perTask, SemanticModel model)
        {
            switch (receiver)
            {
                case ThisExpressionSyntax or BaseExpressionSyntax:
                    return true;
                case ParenthesizedExpressionSyntax parenthesized:
                    return Shared(parenthesized.Expression, perTask, model);
                case MemberAccessExpressionSyntax access:
                    return model.GetSymbolInfo(access).Symbol is IFieldSymbol or IPropertySymbol && Shared(access.Expression, perTask, model);
                case IdentifierNameSyntax name:
                    return model.GetSymbolInfo(name).Symbol switch
                    {
                        IFieldSymbol or IPropertySymbol or INamedTypeSymbol => true,
                        ILocalSymbol or IParameterSymbol => DeclaredOutside(model.GetSymbolInfo(name).Symbol!, perTask),
                        _ => false,
                    };
                default:
                    return false;
            }
        }

        private static bool DeclaredOutside(ISymbol variable, SyntaxNode perTask)
        {
            foreach (var reference in variable.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == perTask.SyntaxTree && perTask.Span.Contains(reference.Span))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
