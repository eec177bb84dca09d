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
    /// object's member can only make the summary larger, which keeps a report rather than hiding one. Only the places
    /// where the name occurs in the text are looked at.
    /// </summary>
    internal sealed class TypeWriters
    {
        private readonly ConcurrentDictionary<ISymbol, List<(SyntaxTree Tree, TextSpan Span)>> _writers =
            new ConcurrentDictionary<ISymbol, List<(SyntaxTree, TextSpan)>>(SymbolEqualityComparer.Default);

        private readonly ConcurrentDictionary<ISymbol, List<SyntaxNode>> _writes =
            new ConcurrentDictionary<ISymbol, List<SyntaxNode>>(SymbolEqualityComparer.Default);

        /// <summary>True when a member other than the one holding <paramref name="write"/> writes <paramref name="state"/>.</summary>
        public bool WrittenElsewhere(ISymbol state, SyntaxNode write, SyntaxNode? alsoOwn = null)
        {
            var own = EnclosingMember(write);
            foreach (var (tree, span) in _writers.GetOrAdd(state, Collect))
            {
                if ((own is null || tree != own.SyntaxTree || span != own.Span)
                    && (alsoOwn is null || tree != alsoOwn.SyntaxTree || span != alsoOwn.Span))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when another member stores into <paramref name="state"/> anything but <paramref name="constant"/> (a
        /// fresh object, another constant, an increment, a collection change), or when the member holding
        /// <paramref name="write"/> stores one later on the same path (a handle cleared, then created again). A
        /// clearing write is one-way only when nothing else is ever stored meanwhile.
        /// </summary>
        public bool StoresOtherThan(ISymbol state, object? constant, SyntaxNode write)
        {
            var own = EnclosingMember(write);
            foreach (var other in _writes.GetOrAdd(state, CollectWrites))
            {
                if (other is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment && Stores(assignment.Right, constant))
                {
                    continue;
                }

                if (own is null || !own.Span.Contains(other.Span) || own.SyntaxTree != other.SyntaxTree || FollowsOnThePath(write, other))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <paramref name="later"/> sits in a statement that runs after the one holding <paramref name="write"/>, in
        /// the same or an enclosing block, with no return, throw, break or continue between them.
        /// </summary>
        private static bool FollowsOnThePath(SyntaxNode write, SyntaxNode later)
        {
            var statement = write.FirstAncestorOrSelf<StatementSyntax>();
            while (statement?.Parent is { } parent)
            {
                if (parent is BlockSyntax block)
                {
                    for (var i = block.Statements.IndexOf(statement) + 1; i < block.Statements.Count; i++)
                    {
                        var next = block.Statements[i];
                        if (next.Span.Contains(later.Span))
                        {
                            return true;
                        }

                        if (next is ReturnStatementSyntax or ThrowStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax)
                        {
                            return false;
                        }
                    }
                }

                if (parent is MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    return false;
                }

                statement = parent.FirstAncestorOrSelf<StatementSyntax>();
            }

            return false;
        }

        /// <summary><c>null</c>, <c>false</c>, <c>0</c> and <c>default</c> are one value here: the state's cleared value.</summary>
        private static bool Stores(ExpressionSyntax value, object? constant)
            => value switch
            {
                DefaultExpressionSyntax or LiteralExpressionSyntax { RawKind: (int)SyntaxKind.DefaultLiteralExpression } => IsCleared(constant),
                LiteralExpressionSyntax literal => Equals(literal.Token.Value, constant) || (IsCleared(literal.Token.Value) && IsCleared(constant)),
                _ => false,
            };

        private static bool IsCleared(object? value) => value is null or false or 0;

        private static List<SyntaxNode> CollectWrites(ISymbol state)
        {
            var writes = new List<SyntaxNode>();
            if (state.ContainingType is not { } type)
            {
                return writes;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is TypeDeclarationSyntax declaration)
                {
                    foreach (var node in TypeNodesByWord.Around(declaration, new[] { state.Name }))
                    {
                        if (IsWriteOf(node, state.Name) && MemberOf(node, declaration) is { } member && MayWriteShared(member))
                        {
                            writes.Add(node);
                        }
                    }
                }
            }

            return writes;
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

                foreach (var member in WritingMembers(declaration, state.Name))
                {
                    writers.Add((member.SyntaxTree, member.Span));
                }
            }

            return writers;
        }

        /// <summary>Members that can write the state once the object is shared: not constructors, field initialisers or nested types.</summary>
        private static bool MayWriteShared(MemberDeclarationSyntax member)
            => member is not (ConstructorDeclarationSyntax or BaseFieldDeclarationSyntax or BaseTypeDeclarationSyntax);

        /// <summary>
        /// The members that write the state: every write holds the state's name in a token below it, so only the nodes
        /// above the places where the name occurs are looked at (<see cref="TypeNodesByWord"/>).
        /// </summary>
        private static IEnumerable<MemberDeclarationSyntax> WritingMembers(TypeDeclarationSyntax declaration, string name)
        {
            var found = new HashSet<MemberDeclarationSyntax>();
            foreach (var node in TypeNodesByWord.Around(declaration, new[] { name }))
            {
                if (IsWriteOf(node, name) && MemberOf(node, declaration) is { } member && MayWriteShared(member) && found.Add(member))
                {
                    yield return member;
                }
            }
        }

        /// <summary>The member of <paramref name="declaration"/> that holds the node, if any.</summary>
        private static MemberDeclarationSyntax? MemberOf(SyntaxNode node, TypeDeclarationSyntax declaration)
        {
            for (var current = node; current is not null; current = current.Parent)
            {
                if (current.Parent == declaration)
                {
                    return current as MemberDeclarationSyntax;
                }
            }

            return null;
        }

        private static bool IsWriteOf(SyntaxNode node, string name)
            => node switch
            {
                AssignmentExpressionSyntax assignment => Names(assignment.Left, name, allowElement: true),
                PrefixUnaryExpressionSyntax prefix => IsIncrementOrDecrement(prefix.Kind()) && Names(prefix.Operand, name, allowElement: true),
                PostfixUnaryExpressionSyntax postfix => IsIncrementOrDecrement(postfix.Kind()) && Names(postfix.Operand, name, allowElement: true),
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } =>
                    CollectionMethods.Classify(access.Name.Identifier.ValueText, out _) == CollectionMethodKind.Write
                        && Names(access.Expression, name, allowElement: false),
                _ => false,
            };

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
