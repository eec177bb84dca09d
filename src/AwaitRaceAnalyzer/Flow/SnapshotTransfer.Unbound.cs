using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// The transfer function of code that does not bind yet: an element access or a collection call whose argument
    /// does not bind (<see cref="UnboundAccess"/>) reads or writes the collection as the bound call would.
    /// </summary>
    internal sealed partial class SnapshotTransfer
    {
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

            var arguments = new SnapshotSet();
            for (var i = argumentsMark; i < _pending.Count; i++)
            {
                arguments.UnionWith(_pending[i]);
            }

            var result = PopSince(mark);
            result.MarkComputedByCall();
            if (_resolver.ResolveCollectionCall(call, out var isWrite) is { } collection)
            {
                if (isWrite)
                {
                    CheckWrite(collection, arguments, operation, UpdateKind.CollectionCall);
                }
                else
                {
                    AddRead(result, operation, collection);
                }
            }
            else if (_resolver.ResolveStatusAction(call.Receiver, call.Method!) is { } status)
            {
                // client.Connect() on a client whose type does not bind: it establishes what client.IsConnected reports.
                CheckWrite(status, arguments, operation, UpdateKind.CollectionCall);
            }

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
