using System.Collections.Concurrent;
using System.Linq;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// Whether a reference-type parameter only ever receives an object of its caller's own. That holds when no code
    /// outside the compilation can call the method (a private, non-virtual method or a local function), there is at
    /// least one call site, the method keeps nothing of the parameter (<see cref="ObjectEscape.OnlyReadsThrough"/>),
    /// and every call site passes <c>null</c>, a new object, or a local of the caller that only ever holds new objects,
    /// is used privately and is passed to an awaited call (one call at a time sees it). Read from syntax by name and
    /// cached per parameter: a name it cannot account for keeps the parameter shared, which keeps a report.
    /// </summary>
    internal sealed class CallerArguments
    {
        private readonly ConcurrentDictionary<IParameterSymbol, bool> _alwaysOwned =
            new ConcurrentDictionary<IParameterSymbol, bool>(SymbolEqualityComparer.Default);

        /// <summary>True when every caller passes <paramref name="parameter"/> an object no other task can see.</summary>
        public bool AlwaysGetsCallersOwnObject(IParameterSymbol parameter)
            => _alwaysOwned.GetOrAdd(parameter, Decide);

        private static bool Decide(IParameterSymbol parameter)
        {
            if (parameter.RefKind != RefKind.None
                || parameter.IsParams
                || parameter.ContainingSymbol is not IMethodSymbol method
                || !VisibleCallers.AreAllInCompilation(method)
                || !ObjectEscape.OnlyReadsThrough(method, parameter))
            {
                return false;
            }

            var callSites = 0;
            foreach (var call in VisibleCallers.CallSites(method))
            {
                // A method group handed on could be invoked with anything.
                if (call is null || !PassesOwnObject(call, parameter))
                {
                    return false;
                }

                callSites++;
            }

            return callSites > 0;
        }

        private static bool PassesOwnObject(InvocationExpressionSyntax call, IParameterSymbol parameter)
        {
            var argument = ArgumentFor(call.ArgumentList, parameter);
            if (argument is null)
            {
                // An omitted optional argument: a reference-type parameter's default is null.
                return parameter.IsOptional;
            }

            if (IsNewObjectOrNull(argument.Expression))
            {
                return true;
            }

            return argument.Expression is IdentifierNameSyntax local
                && IsAwaited(call)
                && LocalHoldsOnlyOwnObjects(local, call);
        }

        private static ArgumentSyntax? ArgumentFor(ArgumentListSyntax arguments, IParameterSymbol parameter)
        {
            for (var i = 0; i < arguments.Arguments.Count; i++)
            {
                var argument = arguments.Arguments[i];
                if (argument.NameColon is { } nameColon)
                {
                    if (nameColon.Name.Identifier.ValueText == parameter.Name)
                    {
                        return argument;
                    }
                }
                else if (i == parameter.Ordinal)
                {
                    return argument;
                }
            }

            return null;
        }

        private static bool IsNewObjectOrNull(ExpressionSyntax expression)
        {
            expression = expression.WithoutParentheses();
            return expression.Kind() is SyntaxKind.NullLiteralExpression or SyntaxKind.DefaultLiteralExpression
                    or SyntaxKind.DefaultExpression or SyntaxKind.CollectionExpression
                || expression is BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax;
        }

        /// <summary>The call is awaited where it is made (<c>await M(x)</c>, <c>await M(x).ConfigureAwait(false)</c>).</summary>
        private static bool IsAwaited(InvocationExpressionSyntax call)
        {
            SyntaxNode node = call;
            if (node.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: WellKnownNames.ConfigureAwait } access
                && access.Parent is InvocationExpressionSyntax configured)
            {
                node = configured;
            }

            while (node.Parent is ParenthesizedExpressionSyntax)
            {
                node = node.Parent;
            }

            return node.Parent is AwaitExpressionSyntax;
        }

        /// <summary>
        /// The caller's local is declared once with a new object (or null), is only assigned new objects, is not
        /// captured by a lambda or local function, and is otherwise only read through or passed to calls of the
        /// same method.
        /// </summary>
        private static bool LocalHoldsOnlyOwnObjects(IdentifierNameSyntax local, InvocationExpressionSyntax call)
        {
            var member = call.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (member is null)
            {
                return false;
            }

            var name = local.Identifier.ValueText;
            var declarations = member.DescendantNodes().OfType<VariableDeclaratorSyntax>().Where(d => d.Identifier.ValueText == name).ToList();
            if (declarations.Count != 1
                || declarations[0].Parent?.Parent is not LocalDeclarationStatementSyntax
                || (declarations[0].Initializer is { } initializer && !IsNewObjectOrNull(initializer.Value)))
            {
                return false;
            }

            if (SyntaxWalks.InvokedName(call) is not { } calleeName)
            {
                return false;
            }

            foreach (var use in member.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (use.Identifier.ValueText != name)
                {
                    continue;
                }

                if (use.Ancestors().TakeWhile(node => node != member).Any(node => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                    || !IsPrivateUse(use, calleeName))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsPrivateUse(IdentifierNameSyntax use, string calleeName)
            => use.Parent switch
            {
                AssignmentExpressionSyntax assignment when assignment.Left == use
                    => assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && IsNewObjectOrNull(assignment.Right),
                ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } argument
                    => argument.RefKindKeyword.IsKind(SyntaxKind.None) && SyntaxWalks.InvokedName(invocation) == calleeName,
                _ => ObjectEscape.IsReadThrough(use),
            };
    }
}
