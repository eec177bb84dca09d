using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// An element access or a collection call that does not bind because one of its arguments does not (a constant of
    /// a package the compilation lacks, a name still being typed): <c>_map[Keys.Policy]</c>,
    /// <c>_map.TryGetValue(Keys.Policy, out var v)</c>; or a member or method of a receiver whose type does not bind
    /// (<c>_client.IsConnected</c>, <c>_client.Connect()</c>). The compiler gives an <see cref="IInvalidOperation"/> whose
    /// children are the receiver and the arguments, and the receiver still binds: the access is read as the bound one
    /// would be, so code that does not compile yet is analysed like the code it is about to become.
    /// </summary>
    internal sealed class UnboundAccess
    {
        private UnboundAccess(IOperation receiver, string? method, ImmutableArray<IOperation?> arguments, ImmutableArray<bool> byReference, string? member = null)
        {
            Receiver = receiver;
            Method = method;
            Member = member;
            Arguments = arguments;
            ByReference = byReference;
        }

        /// <summary>The collection accessed (bound).</summary>
        public IOperation Receiver { get; }

        /// <summary>The method called (<c>TryGetValue</c>); null for an element access.</summary>
        public string? Method { get; }

        /// <summary>The member read (<c>IsConnected</c> in <c>client.IsConnected</c>); null for an element access or a call.</summary>
        public string? Member { get; }

        /// <summary>The arguments in source order; null where the compiler gave no operation for one.</summary>
        public ImmutableArray<IOperation?> Arguments { get; }

        /// <summary>Per argument: passed with <c>out</c> or <c>ref</c>, so it receives a value rather than being read.</summary>
        public ImmutableArray<bool> ByReference { get; }

        /// <summary>The first argument (the key of an element access or of a keyed collection call).</summary>
        public IOperation? Key => Arguments.IsEmpty ? null : Arguments[0];

        public bool IsElementAccess => Method is null && Member is null;

        /// <summary>A call (not an element or member access) on a receiver that binds.</summary>
        public bool IsCall => Method is not null;

        public static UnboundAccess? Of(IOperation operation)
        {
            if (operation is not IInvalidOperation invalid)
            {
                return null;
            }

            switch (invalid.Syntax)
            {
                case ElementAccessExpressionSyntax access:
                    return Build(invalid, access.Expression, null, access.ArgumentList.Arguments);
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call:
                    return Build(invalid, member.Expression, member.Name.Identifier.ValueText, call.ArgumentList.Arguments);
                case MemberAccessExpressionSyntax member when member.Parent is not InvocationExpressionSyntax:
                    // A member of a receiver whose type does not bind (client.IsConnected, client from a missing package).
                    return Build(invalid, member.Expression, null, default, member.Name.Identifier.ValueText);
                default:
                    return null;
            }
        }

        /// <summary>
        /// A key that does not bind, named by its text: the same qualified name in one body is the same member
        /// (<c>Keys.Policy</c> read and then written). Null for any other expression.
        /// </summary>
        public static object? KeyName(IOperation key)
            => key is IInvalidOperation && key.Syntax is IdentifierNameSyntax or MemberAccessExpressionSyntax
                ? new UnboundName(key.Syntax.ToString())
                : null;

        private static UnboundAccess? Build(IInvalidOperation invalid, ExpressionSyntax receiverSyntax, string? method, SeparatedSyntaxList<ArgumentSyntax> argumentSyntax, string? member = null)
        {
            IOperation? receiver = null;
            var arguments = new IOperation?[argumentSyntax.Count];
            var byReference = ImmutableArray.CreateBuilder<bool>(argumentSyntax.Count);
            foreach (var argument in argumentSyntax)
            {
                byReference.Add(!argument.RefKindKeyword.IsKind(SyntaxKind.None));
            }

            foreach (var child in invalid.ChildOperations)
            {
                if (child.Syntax == receiverSyntax)
                {
                    receiver = child;
                    continue;
                }

                for (var i = 0; i < argumentSyntax.Count; i++)
                {
                    if (child.Syntax == argumentSyntax[i].Expression)
                    {
                        arguments[i] = child;
                    }
                }
            }

            return receiver is null || receiver is IInvalidOperation
                ? null
                : new UnboundAccess(receiver, method, ImmutableArray.Create(arguments), byReference.MoveToImmutable(), member);
        }

        /// <summary>The text of a key that does not bind; equal when the text is.</summary>
        private sealed class UnboundName
        {
            private readonly string _text;

            public UnboundName(string text) => _text = text;

            public override bool Equals(object? obj) => obj is UnboundName other && other._text == _text;

            public override int GetHashCode() => _text.GetHashCode();

            public override string ToString() => _text;
        }
    }
}
