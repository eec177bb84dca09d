using System.Collections.Generic;
using System.Linq;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// The call sites of a method that no code outside the compilation can call (a private, non-virtual method or a
    /// local function), found by name in the syntax of the only places that can call it.
    /// </summary>
    internal static class VisibleCallers
    {
        /// <summary>True when every caller of <paramref name="method"/> is in its type's declarations (or its member, for a local function).</summary>
        public static bool AreAllInCompilation(IMethodSymbol method)
            => method.DeclaringSyntaxReferences.Length == 1
                && (method.MethodKind == MethodKind.LocalFunction
                    || (method.MethodKind == MethodKind.Ordinary
                        && method.DeclaredAccessibility == Accessibility.Private
                        && !method.IsVirtual && !method.IsOverride && !method.IsAbstract
                        && method.ExplicitInterfaceImplementations.IsEmpty));

        /// <summary>Where the callers can be: the declaring type's declarations, or the member around a local function.</summary>
        public static SyntaxNode[] Scopes(IMethodSymbol method)
        {
            if (method.MethodKind == MethodKind.LocalFunction)
            {
                var declaration = method.DeclaringSyntaxReferences[0].GetSyntax();
                var member = declaration.FirstAncestorOrSelf<MemberDeclarationSyntax>();
                return member is null ? new[] { declaration } : new SyntaxNode[] { member };
            }

            return method.ContainingType.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax()).ToArray();
        }

        /// <summary>
        /// Every use of <paramref name="method"/>'s name in the places that can call it (<c>nameof</c> left out): the
        /// invocation it makes, or null for a method group handed on, which could be invoked with anything.
        /// </summary>
        /// <remarks>
        /// The name is looked for in the scope's text and the syntax looked at only where it occurs: a walk over every
        /// name of a large type, for each of its private methods, was a large part of the analysis of such types.
        /// </remarks>
        public static IEnumerable<InvocationExpressionSyntax?> CallSites(IMethodSymbol method)
        {
            if (method.Name.Length == 0)
            {
                // A method whose name is not typed yet has no caller.
                yield break;
            }

            var words = new List<string> { method.Name };
            words.AddRange(TextSearch.UnicodeEscapes);
            foreach (var scope in Scopes(method))
            {
                var found = new List<int>();
                TextSearch.AddOccurrences(scope.SyntaxTree.GetText(), scope.Span, words, found);
                found.Sort();
                SimpleNameSyntax? previous = null;
                foreach (var position in found)
                {
                    // One identifier may hold the name and escapes, or several escapes: it is one use.
                    if (NameAt(scope, position) is { } name && name != previous && name.Identifier.ValueText == method.Name && !IsInNameOf(name))
                    {
                        previous = name;
                        yield return InvocationOf(name);
                    }
                }
            }
        }

        /// <summary>The simple name whose identifier holds <paramref name="position"/>; null for text in a comment or a string.</summary>
        private static SimpleNameSyntax? NameAt(SyntaxNode scope, int position)
        {
            var token = scope.FindToken(position);
            return token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(position) && token.Parent is SimpleNameSyntax name ? name : null;
        }

        /// <summary>The invocation that calls through <paramref name="name"/>; null for a method group handed on.</summary>
        public static InvocationExpressionSyntax? InvocationOf(SimpleNameSyntax name)
        {
            SyntaxNode callee = name;
            if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
            {
                callee = access;
            }

            return callee.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee ? invocation : null;
        }

        /// <summary>The name is the argument of <c>nameof</c>: no call.</summary>
        public static bool IsInNameOf(SimpleNameSyntax name)
            => name.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } } };
    }
}
