using System.Collections.Generic;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.Filters
{
    /// <summary>
    /// A semantic pre-filter on the operation tree, before any control flow graph is built: a lost update needs some
    /// shared state that the body both writes and reads (a plain <c>_data = await LoadAsync();</c> cannot lose one).
    /// Conservative: every reference other than the target of a plain assignment counts as a read.
    /// </summary>
    internal static class StateOverlapFilter
    {
        public static bool ReadsWhatItWrites(IOperation root, StateLocationResolver resolver)
        {
            // Containers only (element keys dropped): overlap is then set membership, so the check stays linear.
            var written = new List<StateLocation>();
            var read = new HashSet<StateLocation>();
            foreach (var operation in root.DescendantsAndSelf())
            {
                foreach (var location in WrittenState.Of(operation, resolver))
                {
                    written.Add(location.Container());
                }

                switch (operation)
                {
                    case IInvocationOperation invocation when resolver.ResolveCollectionCall(invocation, out var isWrite) is { } collection && !isWrite:
                        read.Add(collection.Container());
                        break;
                    case IInvalidOperation when UnboundAccess.Of(operation) is { IsCall: true } call
                        && resolver.ResolveCollectionCall(call, out var isUnboundWrite) is { } unboundCollection && !isUnboundWrite:
                        read.Add(unboundCollection.Container());
                        break;
                    case IInvocationOperation invocation when resolver.ResolveTrivialGetterCall(invocation) is { } returned:
                        read.Add(returned);
                        break;
                    case IFieldReferenceOperation:
                    case IPropertyReferenceOperation:
                    case IArrayElementReferenceOperation:
                    case IInvalidOperation:
                    case ILocalReferenceOperation:
                    case IParameterReferenceOperation:
                        // Targets of compound assignments, ??= and ++ read their own value; only plain targets do not.
                        if (!IsPlainAssignmentTarget(operation) && resolver.Resolve(operation) is { } location)
                        {
                            // A read of _a.B is also a read of what a write replacing _a overwrites.
                            foreach (var part in location.Container().AndContainingObjects())
                            {
                                read.Add(part);
                            }
                        }

                        break;
                }
            }

            foreach (var target in written)
            {
                if (read.Contains(target))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsPlainAssignmentTarget(IOperation reference)
            => reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference;
    }
}
