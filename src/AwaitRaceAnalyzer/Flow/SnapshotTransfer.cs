using System.Collections.Generic;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// The transfer functions: the one place that knows what each operation does to the flow state. Reads of tracked
    /// state make fresh snapshots, values flow through variables, captures and expressions, suspension points make
    /// snapshots stale, lock idioms change the held locks, and writes of tracked state are shown to the observer.
    /// </summary>
    internal sealed partial class SnapshotTransfer
    {
        private static readonly SnapshotSet NoSnapshots = new SnapshotSet();

        private readonly KnownSymbols _known;
        private readonly StateLocationResolver _resolver;
        private readonly LockIdioms _locks;
        private readonly TrackedLocations _locations;
        private readonly SiteTable _sites;
        private readonly ControlDependence _dependence;
        private readonly List<SnapshotSet> _pending = new List<SnapshotSet>();
        private readonly Dictionary<SyntaxNode, HashSet<string>> _namesUsedIn = new Dictionary<SyntaxNode, HashSet<string>>();
        private FlowState _state = FlowState.Empty();
        private int _block;

        public SnapshotTransfer(KnownSymbols known, StateLocationResolver resolver, LockIdioms locks, TrackedLocations locations, SiteTable sites, ControlDependence dependence)
        {
            _dependence = dependence;
            _known = known;
            _resolver = resolver;
            _locks = locks;
            _locations = locations;
            _sites = sites;
        }

        /// <summary>Set during the reporting pass only: receives the facts at each write.</summary>
        public IWriteObserver? Observer { get; set; }

        /// <summary>Runs <paramref name="block"/> on <paramref name="state"/>, in place, including the test of its branch.</summary>
        public void Apply(BasicBlock block, FlowState state)
        {
            _state = state;
            _block = block.Ordinal;
            foreach (var operation in block.Operations)
            {
                Evaluate(operation);
                _pending.Clear();
            }

            if (block.BranchValue is { } branchValue)
            {
                var tested = Evaluate(branchValue);
                _pending.Clear();
                DecideAgain(tested);

                // Evaluating a branch again (the next iteration of a loop) replaces what it tested before.
                _state.Guards.Remove(block.Ordinal);
                if (block.ConditionalSuccessor is not null && tested.Count > 0)
                {
                    _state.Guards[block.Ordinal] = tested.Clone();
                }
            }
        }

        private SnapshotSet Evaluate(IOperation operation)
        {
            switch (operation)
            {
                case IFlowCaptureOperation capture:
                    var captured = Evaluate(capture.Value);
                    var captureKey = VariableKey.Of(capture.Id);
                    _state.SetValue(captureKey, captured);
                    CaptureEnumerator(capture.Value, captureKey);
                    if (_locks.IsHandleAcquisition(capture.Value))
                    {
                        _state.Acquire(LockKey.Handle(captureKey), _sites.AcquisitionSiteOf(capture));
                    }

                    return NoSnapshots;
                case IFlowCaptureReferenceOperation reference:
                    return ValueOf(VariableKey.Of(reference.Id));
                case IReturnOperation { Kind: OperationKind.YieldReturn } yield:
                    if (yield.ReturnedValue is not null)
                    {
                        Evaluate(yield.ReturnedValue);
                    }

                    Suspend(yield);
                    return NoSnapshots;
                case IAwaitOperation await:
                    var awaitMark = _pending.Count;
                    Push(Evaluate(await.Operation));
                    RecordWaitDecision(await);
                    Suspend(await);
                    WriteAfterHelperAwaits(await);
                    return PopSince(awaitMark);
                case ILocalReferenceOperation:
                case IParameterReferenceOperation:
                    return Read(operation);
                case IInvalidOperation when UnboundAccess.Of(operation) is { } unbound:
                    return EvaluateUnbound(operation, unbound);
                case IFieldReferenceOperation:
                case IPropertyReferenceOperation:
                case IArrayElementReferenceOperation:
                    // A member or element of an object is part of that object's value: _settings.Volume derives from _settings.
                    var receiver = EvaluateOperandsOf(operation);
                    var read = Read(operation);
                    read.UnionWith(receiver);
                    return read;
                case ISimpleAssignmentOperation assignment:
                    EvaluateOperandsOf(assignment.Target);
                    var assigned = Evaluate(assignment.Value);
                    Assign(assignment.Target, assigned, assignment, UpdateKind.Assignment);
                    if (_locks.IsHandleAcquisition(assignment.Value) && VariableKey.Of(assignment.Target) is { } handle)
                    {
                        _state.Acquire(LockKey.Handle(handle), _sites.AcquisitionSiteOf(assignment));
                    }

                    return assigned.Clone();
                case ICompoundAssignmentOperation compound:
                    EvaluateOperandsOf(compound.Target);
                    var compoundMark = _pending.Count;
                    var ownRead = Read(compound.Target);
                    Push(ownRead);
                    Push(Evaluate(compound.Value));
                    var combined = PopSince(compoundMark);
                    if (_resolver.Resolve(compound.Target) is { } compoundTarget)
                    {
                        // x += v re-reads x: only that read, made stale by an await inside v, can be overwritten.
                        // A stale read that only sized v (var n = await ReceiveAsync(_filled); _filled += n;) loses nothing.
                        CheckWrite(compoundTarget, ownRead, compound, UpdateKind.Compound);
                    }
                    else
                    {
                        Assign(compound.Target, combined, compound, UpdateKind.Compound);
                    }

                    return combined;
                case IIncrementOrDecrementOperation increment:
                    EvaluateOperandsOf(increment.Target);
                    var old = Read(increment.Target);
                    Assign(increment.Target, old, increment, UpdateKind.Compound);
                    return old;
                case IDeconstructionAssignmentOperation deconstruction:
                    var parts = Evaluate(deconstruction.Value);
                    AssignEach(deconstruction.Target, parts, deconstruction);
                    return parts;
                case IInvocationOperation invocation:
                    return EvaluateInvocation(invocation);
                case IFlowAnonymousFunctionOperation lambda:
                    // Its body is analysed on its own; as a value, a lambda carries what the variables it captures hold.
                    return ValuesCapturedBy(lambda.Syntax);
                case ILocalFunctionOperation:
                    return NoSnapshots;
                default:
                    return EvaluateChildren(operation);
            }
        }

        private SnapshotSet EvaluateChildren(IOperation operation)
        {
            var mark = _pending.Count;
            foreach (var child in operation.ChildOperations)
            {
                Push(Evaluate(child));
            }

            // Operands stay pending until all are evaluated, so an await in a later operand crosses earlier ones.
            return PopSince(mark);
        }

        /// <summary>
        /// Evaluates what a reference needs before it is read or written (receivers, indices, arguments) and returns
        /// the value of its receiver.
        /// </summary>
        private SnapshotSet EvaluateOperandsOf(IOperation reference)
        {
            switch (reference)
            {
                case IFieldReferenceOperation { Instance: { } instance }:
                    return Evaluate(instance);
                case IPropertyReferenceOperation property:
                    var receiver = property.Instance is not null ? Evaluate(property.Instance) : NoSnapshots;
                    var mark = _pending.Count;
                    Push(receiver);
                    foreach (var argument in property.Arguments)
                    {
                        Evaluate(argument.Value);
                    }

                    return PopSince(mark);
                case IArrayElementReferenceOperation element:
                    var array = Evaluate(element.ArrayReference);
                    var arrayMark = _pending.Count;
                    Push(array);
                    foreach (var index in element.Indices)
                    {
                        Evaluate(index);
                    }

                    return PopSince(arrayMark);
                case IInvalidOperation when UnboundAccess.Of(reference) is { IsCall: false } unbound:
                    return EvaluateOperandsOfUnbound(unbound);
                default:
                    return NoSnapshots;
            }
        }

        /// <summary>What a read yields: a fresh snapshot of tracked shared state, or what a private variable holds.</summary>
        private SnapshotSet Read(IOperation reference)
        {
            var location = _resolver.Resolve(reference);
            if (location is not null)
            {
                var result = new SnapshotSet();
                AddRead(result, reference, location);
                return result;
            }

            return VariableKey.Of(reference) is { } variable ? ValueOf(variable) : new SnapshotSet();
        }

        /// <summary>A copy of what a private variable or flow capture holds.</summary>
        private SnapshotSet ValueOf(VariableKey variable)
            => _state.Values.TryGetValue(variable, out var held) ? held.Clone() : new SnapshotSet();

        /// <summary>Records a read of <paramref name="location"/> in <paramref name="into"/>, if the body writes that state at all.</summary>
        private void AddRead(SnapshotSet into, IOperation operation, StateLocation? location)
        {
            if (location is not null && _locations.IdOf(location) is var id && id >= 0)
            {
                into.AddFresh(id, _sites.ReadSiteOf(operation, id, _state.Held));
            }
        }

        private void Assign(IOperation target, SnapshotSet value, IOperation write, UpdateKind updateKind)
        {
            var location = _resolver.Resolve(target);
            if (location is not null)
            {
                CheckWrite(location, value, write, updateKind);
                return;
            }

            if (VariableKey.Of(_resolver.Unwrap(target)) is { } variable)
            {
                _state.SetValue(variable, value);
                return;
            }

            // A member of an object held privately (new Settings { Volume = _settings.Volume + 1 }): the object's
            // value now also derives from what was stored in it.
            var receiver = target switch
            {
                IFieldReferenceOperation field => field.Instance,
                IPropertyReferenceOperation property => property.Instance,
                IArrayElementReferenceOperation element => element.ArrayReference,
                _ => null,
            };
            if (value.Count > 0 && receiver is not null && VariableKey.Of(receiver.WithoutConversions()) is { } holder)
            {
                var combined = ValueOf(holder);
                combined.UnionWith(value);
                _state.SetValue(holder, combined);
            }
        }

        /// <summary>Deconstruction writes every element of the target tuple from (any part of) the value.</summary>
        private void AssignEach(IOperation target, SnapshotSet value, IOperation write)
        {
            switch (target)
            {
                case IDeclarationExpressionOperation declaration:
                    AssignEach(declaration.Expression, value, write);
                    break;
                case ITupleOperation tuple:
                    foreach (var element in tuple.Elements)
                    {
                        AssignEach(element, value, write);
                    }

                    break;
                case IDiscardOperation:
                    break;
                default:
                    Assign(target, value, write, UpdateKind.Assignment);
                    break;
            }
        }

        private void CheckWrite(StateLocation location, SnapshotSet value, IOperation write, UpdateKind updateKind)
        {
            var affected = _locations.AffectedBy(location);
            if (Observer is { } observer)
            {
                var decided = WithWaitDecision(value, updateKind, affected);
                observer.OnWrite(new WriteFacts(location, decided, write, updateKind, _state, _block, _dependence, _locations, _sites, waitDecided: !ReferenceEquals(decided, value)));
            }

            if (affected.Count == 0)
            {
                return;
            }

            ForgetWaitDecision(affected);

            // A write made before any await completes the check-then-act atomically: the check is consumed.
            foreach (var guard in _state.Guards.Values)
            {
                guard.RemoveFresh(affected);
            }

            // Values the body read before its own write now hold what it overrode (save, override, restore).
            foreach (var held in _state.Values.Values)
            {
                held.MarkOverridden(affected);
            }
        }

        private void Suspend(IOperation suspension)
        {
            var site = _sites.SuspensionSiteOf(suspension);
            _state.CrossAll(site);
            foreach (var pending in _pending)
            {
                pending.CrossAll(site);
            }
        }

        private void Push(SnapshotSet snapshots)
            => _pending.Add(ReferenceEquals(snapshots, NoSnapshots) ? new SnapshotSet() : snapshots);

        /// <summary>Unions and removes the values pushed since <paramref name="mark"/>.</summary>
        private SnapshotSet PopSince(int mark)
        {
            var result = new SnapshotSet();
            for (var i = mark; i < _pending.Count; i++)
            {
                result.UnionWith(_pending[i]);
            }

            _pending.RemoveRange(mark, _pending.Count - mark);
            return result;
        }

    }
}
