using System.Collections.Generic;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// The transfer functions of calls: arguments and receivers flow into the result (computed, not copied), lock
    /// idioms change the held locks, trivial getters and collection members read or write state, by-reference
    /// arguments receive the result, and lambdas and local functions carry what the variables they capture hold.
    /// </summary>
    internal sealed partial class SnapshotTransfer
    {
        private SnapshotSet EvaluateInvocation(IInvocationOperation invocation)
        {
            var mark = _pending.Count;
            var receiver = NoSnapshots;
            if (invocation.Instance is not null)
            {
                receiver = Evaluate(invocation.Instance);
                Push(receiver);
            }

            var argumentsMark = _pending.Count;
            foreach (var argument in invocation.Arguments)
            {
                if (IsByReference(argument))
                {
                    // A by-reference argument is a location, not a read of its value.
                    EvaluateOperandsOf(argument.Value);
                    continue;
                }

                Push(Evaluate(argument.Value));
            }

            var arguments = UnionSince(argumentsMark);
            if (invocation.TargetMethod.MethodKind == MethodKind.LocalFunction
                && invocation.TargetMethod.DeclaringSyntaxReferences.Length == 1)
            {
                // A local function computes its result from the variables it captures as well as its arguments.
                Push(ValuesCapturedBy(invocation.TargetMethod.DeclaringSyntaxReferences[0].GetSyntax()));
            }

            var result = PopSince(mark);
            result.MarkComputedByCall();
            if (AtomicStores.TargetOf(invocation) is { } stored && _resolver.Resolve(stored) is { } storedLocation)
            {
                // Atomic, but unconditional: what it stores can be as stale as a plain assignment's value.
                CheckWrite(storedLocation, arguments, invocation, UpdateKind.Assignment);
            }

            if (AtomicStores.ReadOf(invocation) is { } atomicallyRead)
            {
                // An atomic read is still a read: its value goes stale across an await like Volatile.Read's.
                var read = new SnapshotSet();
                AddRead(read, atomicallyRead, _resolver.Resolve(atomicallyRead));
                return read;
            }

            if (KnownSymbols.Is(invocation.TargetMethod.ContainingType, _known.Interlocked))
            {
                // Interlocked operations are atomic read-modify-writes: their result is not a stale snapshot.
                return new SnapshotSet();
            }

            ApplyLockAction(_locks.Classify(invocation), invocation);
            if (_resolver.ResolveTrivialGetterCall(invocation) is { } returnedField)
            {
                AddRead(result, invocation, returnedField);
            }

            if (IsVolatileRead(invocation))
            {
                // Volatile.Read(ref x) is a read of x like any other: its value can go stale across an await.
                AddRead(result, invocation.Arguments[0].Value, _resolver.Resolve(invocation.Arguments[0].Value));
            }

            if (_resolver.ResolveHelperWrites(invocation) is { } helperWrites)
            {
                foreach (var (location, afterAwait) in helperWrites)
                {
                    if (!afterAwait)
                    {
                        // UpdateTokens(token, refresh) stores its arguments: a write of the caller's, made here.
                        CheckWrite(location, arguments, invocation, UpdateKind.Assignment);
                    }
                }
            }

            var collection = _resolver.ResolveCollectionCall(invocation, out var isWrite);
            ActOnCollectionOrStatus(invocation, collection, isWrite, invocation.Instance, invocation.TargetMethod.Name, arguments, result);
            CarryMembership(invocation, result);
            if (collection is null)
            {
                var query = QueryCalls.Classify(invocation);
                if ((query & QueryKind.OfReceiver) != 0)
                {
                    // _expiry.AddMinutes(5), _token.IsValid(): a synchronous question put to the state is a view of
                    // it, so a test of its answer is a test of the state.
                    result.UnionWith(receiver);
                }

                if ((query & QueryKind.OfArguments) != 0)
                {
                    // string.IsNullOrEmpty(_token), IsExpired(_lease): a predicate of the state is a test of it.
                    result.UnionWith(arguments);
                }
            }

            foreach (var argument in invocation.Arguments)
            {
                if (IsByReference(argument) && VariableKey.Of(argument.Value) is { } variable)
                {
                    _state.SetValue(variable, result);
                }
            }

            return result;
        }

        /// <summary>
        /// A call that reads or changes a shared collection (<c>TryGetValue</c>, <c>Add</c>), or else establishes the
        /// status of another object (<c>client.Connect()</c>: a write of what <c>client.IsConnected</c> reports).
        /// </summary>
        private void ActOnCollectionOrStatus(IOperation call, StateLocation? collection, bool isWrite, IOperation? receiver, string method, SnapshotSet arguments, SnapshotSet result)
        {
            if (collection is null)
            {
                if (_resolver.ResolveStatusAction(receiver, method) is { } status)
                {
                    CheckWrite(status, arguments, call, UpdateKind.CollectionCall);
                }
            }
            else if (isWrite)
            {
                CheckWrite(collection, arguments, call, UpdateKind.CollectionCall);
            }
            else
            {
                AddRead(result, call, collection);
            }
        }

        /// <summary>The union of the values pushed since <paramref name="mark"/>, which stay pending.</summary>
        private SnapshotSet UnionSince(int mark)
        {
            var union = new SnapshotSet();
            for (var i = mark; i < _pending.Count; i++)
            {
                union.UnionWith(_pending[i]);
            }

            return union;
        }

        /// <summary>
        /// <c>await ConnectAsync()</c> where the helper stores a fresh value after its own await: the caller's write
        /// happens when the await completes, with a value the caller did not read.
        /// </summary>
        private void WriteAfterHelperAwaits(IAwaitOperation await)
        {
            if (await.AwaitedOperation() is not IInvocationOperation helper || _resolver.ResolveHelperWrites(helper) is not { } helperWrites)
            {
                return;
            }

            foreach (var (location, afterAwait) in helperWrites)
            {
                if (afterAwait)
                {
                    CheckWrite(location, new SnapshotSet(), helper, UpdateKind.HelperFill);
                }
            }
        }

        /// <summary>The union of what the tracked variables named inside <paramref name="function"/> hold.</summary>
        private SnapshotSet ValuesCapturedBy(SyntaxNode function)
        {
            var result = new SnapshotSet();
            if (_state.Values.Count == 0)
            {
                return result;
            }

            if (!_namesUsedIn.TryGetValue(function, out var names))
            {
                names = new HashSet<string>();
                foreach (var token in function.DescendantTokens())
                {
                    if (token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken))
                    {
                        names.Add(token.ValueText);
                    }
                }

                _namesUsedIn.Add(function, names);
            }

            foreach (var pair in _state.Values)
            {
                if (!pair.Key.IsMembers && pair.Key.Symbol is { } variable && names.Contains(variable.Name))
                {
                    result.UnionWith(pair.Value);
                }
            }

            return result;
        }

        private void ApplyLockAction(LockAction action, IOperation site)
        {
            switch (action.Effect)
            {
                case LockEffect.Acquire:
                    _state.Acquire(action.Key, _sites.AcquisitionSiteOf(site));
                    break;
                case LockEffect.Release:
                    _state.Release(action.Key);
                    break;
            }
        }

        private bool IsVolatileRead(IInvocationOperation invocation)
            => invocation.TargetMethod.Name == WellKnownNames.VolatileRead
                && invocation.Arguments.Length == 1
                && KnownSymbols.Is(invocation.TargetMethod.ContainingType, _known.Volatile);

        private static bool IsByReference(IArgumentOperation argument) => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out;
    }
}
