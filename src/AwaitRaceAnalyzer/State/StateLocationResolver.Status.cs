using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.State
{
    internal sealed partial class StateLocationResolver
    {
        /// <summary>The status an action on another object establishes (<c>client.Connect()</c>: client.IsConnected); null for other calls.</summary>
        public StateLocation? ResolveStatusAction(IOperation? receiver, string method)
            => ObjectStatus.ActionOfMethod(method) is { } action ? Status(receiver, action) : null;

        /// <summary>
        /// The status of a shared object other than this one, as a part of that object's state. On <c>this</c> the
        /// fields behind the status and the helper that sets them are the state already.
        /// </summary>
        private StateLocation? Status(IOperation? receiver, string action)
        {
            if (receiver is null || Unwrap(receiver) is IInstanceReferenceOperation || _options.IsIgnored(receiver.Type))
            {
                return null;
            }

            var builder = ImmutableArray.CreateBuilder<ISymbol>();
            object root = StateLocation.ThisRoot;
            if (UnboundMemberOfThis(receiver) is { } member)
            {
                builder.Add(member);
            }
            else if (!TryBuildPath(receiver, builder, out root, out var shared) || !shared)
            {
                return null;
            }

            var display = DisplayOf(receiver) + "." + ObjectStatus.StatusName(action);
            return new StateLocation(StateLocationKind.Element, root, builder.ToImmutable(), ObjectStatus.KeyOf(action), display);
        }

        /// <summary>
        /// <c>Client.IsConnected</c> where the field is named as its type (<c>readonly Client Client;</c>) and the type does
        /// not bind: the compiler gives an operation of no kind for the name. The instance field or property of the
        /// enclosing class that it names is the receiver.
        /// </summary>
        private ISymbol? UnboundMemberOfThis(IOperation receiver)
            => receiver is { Kind: OperationKind.None, Syntax: IdentifierNameSyntax name }
                ? _known.Names.MemberOfEnclosingClass(name)
                : null;
    }
}
