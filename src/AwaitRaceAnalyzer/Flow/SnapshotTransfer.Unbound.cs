using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// The transfer function of code that does not bind yet (<see cref="UnboundAccess"/>): an element access or a
    /// collection call whose argument does not bind reads or writes the collection as the bound one would, and a member
    /// or call of a receiver whose type does not bind reads or establishes its status.
    /// </summary>
    internal sealed partial class SnapshotTransfer
    {
        private SnapshotSet EvaluateUnbound(IOperation operation, UnboundAccess unbound)
        {
            if (unbound.IsCall)
            {
                return EvaluateUnboundCall(operation, unbound);
            }

            // An element or member of an object is part of that object's value, as for a bound access.
            var receiver = EvaluateOperandsOfUnbound(unbound);
            var read = Read(operation);
            read.UnionWith(receiver);
            return read;
        }

        private SnapshotSet EvaluateUnboundCall(IOperation operation, UnboundAccess call)
        {
            var mark = _pending.Count;
            Push(Evaluate(call.Receiver));
            var argumentsMark = _pending.Count;
            for (var i = 0; i < call.Arguments.Length; i++)
            {
                if (call.Arguments[i] is { } argument && !call.ByReference[i])
                {
                    Push(Evaluate(argument));
                }
            }

            var arguments = UnionSince(argumentsMark);
            var result = PopSince(mark);
            result.MarkComputedByCall();
            var collection = _resolver.ResolveCollectionCall(call, out var isWrite);
            ActOnCollectionOrStatus(operation, collection, isWrite, call.Receiver, call.Method!, arguments, result);
            for (var i = 0; i < call.Arguments.Length; i++)
            {
                // TryGetValue(key, out var value): the out argument receives what the lookup read.
                if (call.ByReference[i] && call.Arguments[i] is { } target && VariableKey.Of(target) is { } variable)
                {
                    _state.SetValue(variable, result);
                }
            }

            return result;
        }

        /// <summary>The receiver's value of an element or member access that does not bind, its key evaluated too.</summary>
        private SnapshotSet EvaluateOperandsOfUnbound(UnboundAccess element)
        {
            var receiver = Evaluate(element.Receiver);
            var mark = _pending.Count;
            Push(receiver);
            foreach (var argument in element.Arguments)
            {
                if (argument is not null)
                {
                    Evaluate(argument);
                }
            }

            return PopSince(mark);
        }
    }
}
