using System.Collections.Concurrent;
using System.Collections.Generic;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// A per-type summary, built once per field or property and only when a rule asks: which members of the
    /// declaring type (constructors and initialisers aside, which run before the object is shared) assign, clear or
    /// remove from it. Read from the type's syntax by name, so it costs no semantic model; a name shared with another
    /// object's member can only make the summary larger, which keeps a report rather than hiding one.
    /// </summary>
    internal sealed class TypeWriters
    {
        private readonly ConcurrentDictionary<ISymbol, List<(SyntaxTree Tree, TextSpan Span)>> _writers =
            new ConcurrentDictionary<ISymbol, List<(SyntaxTree, TextSpan)>>(SymbolEqualityComparer.Default);

        /// <summary>True when a member other than the one holding <paramref name="write"/> writes <paramref name="state"/>.</summary>
        public bool WrittenElsewhere(ISymbol state, SyntaxNode write)
        {
            var own = EnclosingMember(write);
            foreach (var (tree, span) in _writers.GetOrAdd(state, Collect))
            {
                if (own is null || tree != own.SyntaxTree || span != own.Span)
                {
                    return true;
                }
            }

            return false;
        }

        private static List<(SyntaxTree, TextSpan)> Collect(ISymbol state)
        {
            var writers = new List<(SyntaxTree, TextSpan)>();
            if (state.ContainingType is not { } type)
            {
                return writers;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is not TypeDeclarationSyntax declaration)
                {
                    continue;
                }

                foreach (var member in declaration.Members)
                {
                    if (member is ConstructorDeclarationSyntax or BaseFieldDeclarationSyntax or BaseTypeDeclarationSyntax)
                    {
                        continue;
                    }

                    if (Writes(member, state.Name))
                    {
                        writers.Add((member.SyntaxTree, member.Span));
                    }
                }
            }

            return writers;
        }

        private static bool Writes(SyntaxNode member, string name)
        {
            foreach (var node in member.DescendantNodes())
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax assignment when Names(assignment.Left, name, allowElement: true):
                        return true;
                    case PrefixUnaryExpressionSyntax prefix when IsIncrementOrDecrement(prefix.Kind()) && Names(prefix.Operand, name, allowElement: true):
                        return true;
                    case PostfixUnaryExpressionSyntax postfix when IsIncrementOrDecrement(postfix.Kind()) && Names(postfix.Operand, name, allowElement: true):
                        return true;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                        when CollectionMethods.Classify(access.Name.Identifier.ValueText, out _) == CollectionMethodKind.Write
                            && Names(access.Expression, name, allowElement: false):
                        return true;
                }
            }

            return false;
        }

        /// <summary>True for <c>name</c>, <c>this.name</c>, <c>Type.name</c> and, when allowed, <c>name[…]</c>.</summary>
        private static bool Names(ExpressionSyntax expression, string name, bool allowElement)
            => expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == name
                    && access.Expression is ThisExpressionSyntax or IdentifierNameSyntax or BaseExpressionSyntax,
                ElementAccessExpressionSyntax element => allowElement && Names(element.Expression, name, allowElement: false),
                _ => false,
            };

        private static bool IsIncrementOrDecrement(SyntaxKind kind)
            => kind is SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression
                or SyntaxKind.PostIncrementExpression or SyntaxKind.PostDecrementExpression;

        private static MemberDeclarationSyntax? EnclosingMember(SyntaxNode node)
        {
            foreach (var ancestor in node.AncestorsAndSelf())
            {
                if (ancestor is MemberDeclarationSyntax member && ancestor.Parent is TypeDeclarationSyntax)
                {
                    return member;
                }
            }

            return null;
        }
    }
}
