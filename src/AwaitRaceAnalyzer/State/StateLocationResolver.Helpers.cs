using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>What a call of a helper of the type writes for its caller (<see cref="HelperWrites"/>), as state locations.</summary>
    internal sealed partial class StateLocationResolver
    {
        private readonly Dictionary<IInvocationOperation, List<(StateLocation Location, bool AfterAwait)>?> _helperWrites =
            new Dictionary<IInvocationOperation, List<(StateLocation Location, bool AfterAwait)>?>();

        /// <summary>
        /// What a call of a method of this object or type writes on the caller's behalf (<see cref="HelperWrites"/>):
        /// each member's state, and whether the helper writes it only after one of its own awaits.
        /// </summary>
        /// <remarks>Kept per call: the flow engine asks on every pass over the call's block.</remarks>
        public List<(StateLocation Location, bool AfterAwait)>? ResolveHelperWrites(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.MethodKind != MethodKind.Ordinary || method.DeclaringSyntaxReferences.IsEmpty
                || (invocation.Instance is { } instance && Unwrap(instance) is not IInstanceReferenceOperation))
            {
                return null;
            }

            if (!_helperWrites.TryGetValue(invocation, out var result))
            {
                result = ResolveHelperWritesUncached(invocation, method);
                _helperWrites.Add(invocation, result);
            }

            return result;
        }

        private List<(StateLocation Location, bool AfterAwait)>? ResolveHelperWritesUncached(IInvocationOperation invocation, IMethodSymbol method)
        {
            List<(StateLocation, bool)>? result = null;
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is not MethodDeclarationSyntax declaration
                    || (declaration.SyntaxTree == invocation.Syntax.SyntaxTree && declaration.Span.Contains(invocation.Syntax.Span)))
                {
                    // A recursive call's writes are this flow's own.
                    continue;
                }

                foreach (var written in HelperWrites.Of(declaration).Written)
                {
                    if (MemberOfType(method.ContainingType, written.Key) is { } member
                        && (!method.IsStatic || member.IsStatic)
                        && MemberThrough(member.IsStatic ? null : invocation.Instance, member, invocation) is { } location)
                    {
                        (result ??= new List<(StateLocation, bool)>()).Add((location, written.Value));
                    }
                }
            }

            return result;
        }

        /// <summary>The field or property named <paramref name="name"/> of <paramref name="type"/> or a base type.</summary>
        internal static ISymbol? MemberOfType(INamedTypeSymbol type, string name)
        {
            for (var declaring = type; declaring is not null; declaring = declaring.BaseType)
            {
                foreach (var member in declaring.GetMembers(name))
                {
                    if (member is IFieldSymbol or IPropertySymbol { IsIndexer: false })
                    {
                        return member;
                    }
                }
            }

            return null;
        }
    }
}
