using System.Collections.Generic;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>The shared state one operation writes: assignment and increment targets, mutated collections, atomic stores, what a called helper of the type writes, the status an action on another object establishes.</summary>
    internal static class WrittenState
    {
        public static IEnumerable<StateLocation> Of(IOperation operation, StateLocationResolver resolver)
        {
            switch (operation)
            {
                case ISimpleAssignmentOperation assignment:
                    return Single(resolver.Resolve(assignment.Target));
                case ICompoundAssignmentOperation compound:
                    return Single(resolver.Resolve(compound.Target));
                case ICoalesceAssignmentOperation coalesce:
                    return Single(resolver.Resolve(coalesce.Target));
                case IIncrementOrDecrementOperation increment:
                    return Single(resolver.Resolve(increment.Target));
                case IInvocationOperation invocation when AtomicStores.TargetOf(invocation) is { } stored:
                    return Single(resolver.Resolve(stored));
                case IInvocationOperation invocation when resolver.ResolveHelperWrites(invocation) is { } helperWrites:
                    return HelperLocations(helperWrites, resolver.ResolveCollectionCall(invocation, out var isCollectionWrite) is { } changed && isCollectionWrite ? changed : null);
                case IInvocationOperation invocation when resolver.ResolveCollectionCall(invocation, out var isWrite) is { } collection:
                    return Single(isWrite ? collection : null);
                case IInvocationOperation invocation:
                    return Single(resolver.ResolveStatusAction(invocation.Instance, invocation.TargetMethod.Name));
                case IInvalidOperation when UnboundAccess.Of(operation) is { IsCall: true } call:
                    return Single(resolver.ResolveCollectionCall(call, out var isUnboundWrite) is { } changedCollection
                        ? (isUnboundWrite ? changedCollection : null)
                        : resolver.ResolveStatusAction(call.Receiver, call.Method!));
                case IDeconstructionAssignmentOperation deconstruction:
                    return Elements(deconstruction.Target, resolver);
                default:
                    return Empty;
            }
        }

        private static readonly StateLocation[] Empty = new StateLocation[0];

        private static IEnumerable<StateLocation> Single(StateLocation? location)
            => location is null ? Empty : new[] { location };

        private static IEnumerable<StateLocation> HelperLocations(List<(StateLocation Location, bool AfterAwait)> helperWrites, StateLocation? collection)
        {
            foreach (var (location, _) in helperWrites)
            {
                yield return location;
            }

            if (collection is not null)
            {
                yield return collection;
            }
        }

        private static IEnumerable<StateLocation> Elements(IOperation target, StateLocationResolver resolver)
        {
            foreach (var element in target.DescendantsAndSelf())
            {
                if (resolver.Resolve(element) is { } location)
                {
                    yield return location;
                }
            }
        }
    }
}
