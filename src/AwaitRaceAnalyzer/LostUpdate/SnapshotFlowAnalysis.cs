using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using UpdateKinds = AwaitRaceAnalyzer.DiagnosticProperties.UpdateKinds;

namespace AwaitRaceAnalyzer.LostUpdate
{
    /// <summary>
    /// A forward dataflow analysis over the control flow graph of one async body. It follows values read from shared
    /// state through locals, flow captures and expressions, marks them stale when they cross a suspension point, and
    /// reports writes of the same state that depend on a stale value (AWR001) or run in the region of a branch that
    /// tested it stale (AWR002), unless one lock was held from the read to the write.
    /// </summary>
    /// <remarks>
    /// Cost stays linear in practice: only state the body writes is tracked, values are kept per state location (not
    /// per read), variables are forgotten once no later block uses them, and a branch's guards are dropped at its
    /// immediate post-dominator, where its region ends.
    /// </remarks>
    internal sealed class SnapshotFlowAnalysis
    {
        private static readonly SnapshotSet NoSnapshots = new SnapshotSet();

        private readonly ControlFlowGraph _graph;
        private readonly KnownSymbols _known;
        private readonly AnalysisOptions _options;
        private readonly StateLocationResolver _resolver;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<CaptureId, IOperation?> _captureSources = new Dictionary<CaptureId, IOperation?>();
        private readonly List<StateLocation> _locations = new List<StateLocation>();
        private readonly Dictionary<StateLocation, int> _locationIds = new Dictionary<StateLocation, int>();
        private readonly HashSet<StateLocation> _written = new HashSet<StateLocation>();
        private readonly List<ReadSite> _reads = new List<ReadSite>();
        private readonly Dictionary<IOperation, int> _readIndex = new Dictionary<IOperation, int>();
        private readonly List<IOperation> _suspensions = new List<IOperation>();
        private readonly Dictionary<IOperation, int> _suspensionIndex = new Dictionary<IOperation, int>();
        private readonly Dictionary<ControlFlowRegion, FinallySummary> _finallySummaries = new Dictionary<ControlFlowRegion, FinallySummary>();
        private readonly List<SnapshotSet> _pending = new List<SnapshotSet>();
        private readonly List<Finding> _findings = new List<Finding>();
        private readonly HashSet<IOperation> _reportedWrites = new HashSet<IOperation>();

        private PostDominators _postDominators = null!;
        private LocalLiveness _liveness = null!;
        private List<int>[] _endsRegionOf = null!;
        private FlowState _state = FlowState.Empty();
        private int _block;
        private bool _reporting;

        private SnapshotFlowAnalysis(ControlFlowGraph graph, KnownSymbols known, VariableSharing sharing, AnalysisOptions options, CancellationToken cancellationToken)
        {
            _graph = graph;
            _known = known;
            _options = options;
            _cancellationToken = cancellationToken;
            _resolver = new StateLocationResolver(known, sharing, options, id => _captureSources.TryGetValue(id, out var source) ? source : null);
        }

        public static ImmutableArray<Finding> Analyze(ControlFlowGraph graph, KnownSymbols known, VariableSharing sharing, AnalysisOptions options, CancellationToken cancellationToken)
        {
            var analysis = new SnapshotFlowAnalysis(graph, known, sharing, options, cancellationToken);
            return analysis.Run();
        }

        private ImmutableArray<Finding> Run()
        {
            var blocks = _graph.Blocks;
            CollectCaptureSources();
            CollectWrittenState();
            if (_written.Count == 0)
            {
                return ImmutableArray<Finding>.Empty;
            }

            var handlerEntries = HandlerEntries();
            _postDominators = PostDominators.Build(_graph);
            _liveness = LocalLiveness.Compute(_graph, handlerEntries);
            _endsRegionOf = RegionEnds();

            var inputs = new FlowState?[blocks.Length];
            inputs[0] = FlowState.Empty();
            var worklist = new SortedSet<int> { 0 };

            // Safety net: a monotone transfer over finite sets converges well before this bound.
            var budget = (blocks.Length * 64) + 1024;
            while (worklist.Count > 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (--budget < 0)
                {
                    return ImmutableArray<Finding>.Empty;
                }

                var ordinal = worklist.Min;
                worklist.Remove(ordinal);
                var input = inputs[ordinal]!;
                var output = Transfer(blocks[ordinal], input);
                Propagate(blocks[ordinal], input, output, inputs, worklist, handlerEntries[ordinal]);
            }

            // Reporting pass over the fixed point: each reachable block once, in order.
            _reporting = true;
            for (var ordinal = 0; ordinal < blocks.Length; ordinal++)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (inputs[ordinal] is { } input)
                {
                    Transfer(blocks[ordinal], input);
                }
            }

            return _findings.ToImmutableArray();
        }

        private void CollectCaptureSources()
        {
            foreach (var block in _graph.Blocks)
            {
                foreach (var operation in block.Operations)
                {
                    if (operation is IFlowCaptureOperation capture)
                    {
                        // A capture assigned on several paths has no single source to alias.
                        _captureSources[capture.Id] = _captureSources.ContainsKey(capture.Id) ? null : capture.Value;
                    }
                }
            }
        }

        /// <summary>Only state that this body writes can suffer a lost update here; reads of anything else are not tracked.</summary>
        private void CollectWrittenState()
        {
            foreach (var block in _graph.Blocks)
            {
                foreach (var root in block.StatementsAndBranch())
                {
                    foreach (var operation in root.DescendantsAndSelf())
                    {
                        _written.UnionWith(WrittenState.Of(operation, _resolver));
                    }
                }
            }
        }

        /// <summary>For each block, the first blocks of the catch, filter and finally handlers that protect it.</summary>
        private List<int>[] HandlerEntries()
        {
            var entries = new List<int>[_graph.Blocks.Length];
            for (var ordinal = 0; ordinal < entries.Length; ordinal++)
            {
                entries[ordinal] = new List<int>();
                for (var region = _graph.Blocks[ordinal].EnclosingRegion; region is not null; region = region.EnclosingRegion)
                {
                    if (region.Kind != ControlFlowRegionKind.Try || region.EnclosingRegion is not { } tryAndHandlers)
                    {
                        continue;
                    }

                    for (var i = 1; i < tryAndHandlers.NestedRegions.Length; i++)
                    {
                        entries[ordinal].Add(tryAndHandlers.NestedRegions[i].FirstBlockOrdinal);
                    }
                }
            }

            return entries;
        }

        /// <summary>For each block, the branches whose region (up to their immediate post-dominator) ends there.</summary>
        private List<int>[] RegionEnds()
        {
            var ends = new List<int>[_graph.Blocks.Length];
            for (var ordinal = 0; ordinal < ends.Length; ordinal++)
            {
                ends[ordinal] = new List<int>();
            }

            for (var ordinal = 0; ordinal < ends.Length; ordinal++)
            {
                if (_graph.Blocks[ordinal].ConditionalSuccessor is not null && _postDominators.ImmediateOf(ordinal) is var end && end >= 0)
                {
                    ends[end].Add(ordinal);
                }
            }

            return ends;
        }

        private FlowState Transfer(BasicBlock block, FlowState input)
        {
            _state = input.Clone();
            _block = block.Ordinal;
            Forget(block.Ordinal);
            foreach (var operation in block.Operations)
            {
                Evaluate(operation);
                _pending.Clear();
            }

            if (block.BranchValue is { } branchValue)
            {
                var tested = Evaluate(branchValue);
                _pending.Clear();
                if (block.ConditionalSuccessor is not null && tested.Count > 0)
                {
                    _state.Guards[block.Ordinal] = tested.Clone();
                }
            }

            return _state;
        }

        /// <summary>Drops what can no longer matter here: variables no later block uses, guards of branches whose region ended.</summary>
        private void Forget(int ordinal)
        {
            List<object>? dead = null;
            foreach (var holder in _state.Values.Keys)
            {
                if (holder is ISymbol variable && !_liveness.MayBeUsed(ordinal, variable))
                {
                    (dead ??= new List<object>()).Add(holder);
                }
            }

            if (dead is not null)
            {
                foreach (var holder in dead)
                {
                    _state.Values.Remove(holder);
                }
            }

            foreach (var branch in _endsRegionOf[ordinal])
            {
                _state.Guards.Remove(branch);
            }
        }

        private void Propagate(BasicBlock block, FlowState input, FlowState output, FlowState?[] inputs, SortedSet<int> worklist, List<int> handlerEntries)
        {
            foreach (var branch in new[] { block.FallThroughSuccessor, block.ConditionalSuccessor })
            {
                if (branch?.Destination is { } destination)
                {
                    JoinInto(destination.Ordinal, LeaveRegions(branch, output), inputs, worklist);
                }
            }

            // Exception handlers (catch, filter, finally) may start from any point of the try region they protect.
            foreach (var handlerEntry in handlerEntries)
            {
                JoinInto(handlerEntry, input, inputs, worklist);
                JoinInto(handlerEntry, output, inputs, worklist);
            }
        }

        private static void JoinInto(int ordinal, FlowState state, FlowState?[] inputs, SortedSet<int> worklist)
        {
            if (inputs[ordinal] is { } existing)
            {
                if (existing.JoinWith(state))
                {
                    worklist.Add(ordinal);
                }
            }
            else
            {
                inputs[ordinal] = state.Clone();
                worklist.Add(ordinal);
            }
        }

        /// <summary>
        /// Leaving a region ends its flow captures; leaving a try region runs its finally, whose suspension point and
        /// lock releases apply to the edge.
        /// </summary>
        private FlowState LeaveRegions(ControlFlowBranch branch, FlowState state)
        {
            var result = state;
            foreach (var region in branch.LeavingRegions)
            {
                if (!region.CaptureIds.IsEmpty)
                {
                    result = ReferenceEquals(result, state) ? state.Clone() : result;
                    foreach (var capture in region.CaptureIds)
                    {
                        result.Values.Remove(capture);
                    }
                }

                if (region.Kind != ControlFlowRegionKind.Try
                    || region.EnclosingRegion is not { Kind: ControlFlowRegionKind.TryAndFinally } tryAndFinally)
                {
                    continue;
                }

                var summary = SummaryOf(tryAndFinally.NestedRegions[1]);
                if (summary.Suspension is null && summary.Releases.Count == 0)
                {
                    continue;
                }

                result = ReferenceEquals(result, state) ? state.Clone() : result;
                if (summary.Suspension is not null)
                {
                    result.CrossAll(SuspensionSite(summary.Suspension));
                }

                result.Held.ExceptWith(summary.Releases);
            }

            return result;
        }

        private FinallySummary SummaryOf(ControlFlowRegion finallyRegion)
        {
            if (_finallySummaries.TryGetValue(finallyRegion, out var summary))
            {
                return summary;
            }

            IOperation? suspension = null;
            var releases = new HashSet<object>(KeyComparer.Instance);
            for (var ordinal = finallyRegion.FirstBlockOrdinal; ordinal <= finallyRegion.LastBlockOrdinal; ordinal++)
            {
                foreach (var root in _graph.Blocks[ordinal].StatementsAndBranch())
                {
                    foreach (var operation in root.DescendantsAndSelf())
                    {
                        if (operation is IAwaitOperation)
                        {
                            suspension ??= operation;
                        }
                        else if (operation is IInvocationOperation invocation && ReleasedLock(invocation) is { } released)
                        {
                            releases.Add(released);
                        }
                    }
                }
            }

            summary = new FinallySummary(suspension, releases);
            _finallySummaries.Add(finallyRegion, summary);
            return summary;
        }

        /// <summary>The lock key that a <c>SemaphoreSlim.Release()</c> or lock-handle <c>Dispose()</c> call gives back.</summary>
        private object? ReleasedLock(IInvocationOperation invocation)
        {
            if (invocation.Instance is null)
            {
                return null;
            }

            if (IsSemaphore(invocation.Instance) && invocation.TargetMethod.Name == "Release")
            {
                return _resolver.ResolveLockObject(invocation.Instance);
            }

            if (invocation.TargetMethod.Name is "Dispose" or "DisposeAsync")
            {
                return HolderOf(StripConversions(invocation.Instance));
            }

            return null;
        }

        private SnapshotSet Evaluate(IOperation operation)
        {
            switch (operation)
            {
                case IFlowCaptureOperation capture:
                    var captured = Evaluate(capture.Value);
                    _state.SetValue(capture.Id, captured);
                    if (IsLockAcquisition(capture.Value))
                    {
                        _state.Held.Add(capture.Id);
                    }

                    return NoSnapshots;
                case IFlowCaptureReferenceOperation reference:
                    return ValueOf(reference.Id);
                case IAwaitOperation await:
                    var awaitMark = _pending.Count;
                    Push(Evaluate(await.Operation));
                    Suspend(await);
                    return PopSince(awaitMark);
                case IReturnOperation { Kind: OperationKind.YieldReturn } yield:
                    if (yield.ReturnedValue is not null)
                    {
                        Evaluate(yield.ReturnedValue);
                    }

                    Suspend(yield);
                    return NoSnapshots;
                case ILocalReferenceOperation:
                case IParameterReferenceOperation:
                case IFieldReferenceOperation:
                case IPropertyReferenceOperation:
                case IArrayElementReferenceOperation:
                    EvaluateOperandsOf(operation);
                    return Read(operation);
                case ISimpleAssignmentOperation assignment:
                    EvaluateOperandsOf(assignment.Target);
                    var assigned = Evaluate(assignment.Value);
                    Assign(assignment.Target, assigned, assignment, UpdateKinds.Assignment);
                    if (IsLockAcquisition(assignment.Value) && HolderOf(assignment.Target) is { } lockHolder)
                    {
                        _state.Held.Add(lockHolder);
                    }

                    return assigned.Clone();
                case ICompoundAssignmentOperation compound:
                    EvaluateOperandsOf(compound.Target);
                    var compoundMark = _pending.Count;
                    Push(Read(compound.Target));
                    Push(Evaluate(compound.Value));
                    var combined = PopSince(compoundMark);
                    Assign(compound.Target, combined, compound, UpdateKinds.Compound);
                    return combined;
                case IIncrementOrDecrementOperation increment:
                    EvaluateOperandsOf(increment.Target);
                    var old = Read(increment.Target);
                    Assign(increment.Target, old, increment, UpdateKinds.Compound);
                    return old;
                case IDeconstructionAssignmentOperation deconstruction:
                    var parts = Evaluate(deconstruction.Value);
                    AssignEach(deconstruction.Target, parts, deconstruction);
                    return parts;
                case IInvocationOperation invocation:
                    return EvaluateInvocation(invocation);
                case IFlowAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                    // Analysed as bodies of their own.
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

        private SnapshotSet EvaluateInvocation(IInvocationOperation invocation)
        {
            var mark = _pending.Count;
            if (invocation.Instance is not null)
            {
                Push(Evaluate(invocation.Instance));
            }

            var argumentsMark = _pending.Count;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out)
                {
                    // A by-reference argument is a location, not a read of its value.
                    EvaluateOperandsOf(argument.Value);
                    continue;
                }

                Push(Evaluate(argument.Value));
            }

            var arguments = new SnapshotSet();
            for (var i = argumentsMark; i < _pending.Count; i++)
            {
                arguments.UnionWith(_pending[i]);
            }

            var result = PopSince(mark);
            if (KnownSymbols.Is(invocation.TargetMethod.ContainingType, _known.Interlocked))
            {
                // Interlocked operations are atomic read-modify-writes: their result is not a stale snapshot.
                return new SnapshotSet();
            }

            if (invocation.Instance is not null && IsSemaphore(invocation.Instance))
            {
                UpdateSemaphoreHold(invocation);
            }

            if (IsVolatileRead(invocation))
            {
                // Volatile.Read(ref x) is a read of x like any other: its value can go stale across an await.
                AddRead(result, invocation.Arguments[0].Value, _resolver.Resolve(invocation.Arguments[0].Value));
            }

            var collection = _resolver.ResolveCollectionCall(invocation, out var isWrite);
            if (collection is not null)
            {
                if (isWrite)
                {
                    CheckWrite(collection, arguments, invocation, UpdateKinds.CollectionCall);
                }
                else
                {
                    AddRead(result, invocation, collection);
                }
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out && HolderOf(argument.Value) is { } holder)
                {
                    _state.SetValue(holder, result);
                }
            }

            return result;
        }

        private void UpdateSemaphoreHold(IInvocationOperation invocation)
        {
            var name = invocation.TargetMethod.Name;
            if (name is not ("Wait" or "WaitAsync" or "Release"))
            {
                return;
            }

            var gate = _resolver.ResolveLockObject(invocation.Instance!);
            if (gate is null)
            {
                return;
            }

            if (name == "Release")
            {
                _state.Held.Remove(gate);
            }
            else
            {
                _state.Held.Add(gate);
            }
        }

        /// <summary>Evaluates what a reference needs before it is read or written: receivers, indices, arguments.</summary>
        private void EvaluateOperandsOf(IOperation reference)
        {
            switch (reference)
            {
                case IFieldReferenceOperation { Instance: { } instance }:
                    Evaluate(instance);
                    break;
                case IPropertyReferenceOperation property:
                    if (property.Instance is not null)
                    {
                        Evaluate(property.Instance);
                    }

                    foreach (var argument in property.Arguments)
                    {
                        Evaluate(argument.Value);
                    }

                    break;
                case IArrayElementReferenceOperation element:
                    Evaluate(element.ArrayReference);
                    foreach (var index in element.Indices)
                    {
                        Evaluate(index);
                    }

                    break;
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

            return HolderOf(reference) is { } holder ? ValueOf(holder) : new SnapshotSet();
        }

        /// <summary>A copy of what a private variable or flow capture holds.</summary>
        private SnapshotSet ValueOf(object holder)
            => _state.Values.TryGetValue(holder, out var held) ? held.Clone() : new SnapshotSet();

        /// <summary>Records a read of <paramref name="location"/> in <paramref name="into"/>, if the body writes that state at all.</summary>
        private void AddRead(SnapshotSet into, IOperation operation, StateLocation? location)
        {
            if (location is not null && LocationId(location) is var id && id >= 0)
            {
                into.AddFresh(id, ReadSiteOf(operation, id));
            }
        }

        private void Assign(IOperation target, SnapshotSet value, IOperation write, string updateKind)
        {
            var location = _resolver.Resolve(target);
            if (location is not null)
            {
                CheckWrite(location, value, write, updateKind);
                return;
            }

            if (HolderOf(_resolver.Unwrap(target)) is { } holder)
            {
                _state.SetValue(holder, value);
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
                    Assign(target, value, write, UpdateKinds.Assignment);
                    break;
            }
        }

        private void CheckWrite(StateLocation location, SnapshotSet value, IOperation write, string updateKind)
        {
            if (_reporting && !_reportedWrites.Contains(write))
            {
                var finding = FindLostUpdate(location, value, write, updateKind) ?? FindCheckThenAct(location, write, updateKind);
                if (finding is not null)
                {
                    _reportedWrites.Add(write);
                    _findings.Add(finding);
                }
            }

            // A write made before any await completes the check-then-act atomically: the check is consumed.
            foreach (var guard in _state.Guards.Values)
            {
                guard.RemoveFresh(id => _locations[id].Overlaps(location));
            }
        }

        private Finding? FindLostUpdate(StateLocation location, SnapshotSet value, IOperation write, string updateKind)
        {
            SnapshotEntry? found = null;
            foreach (var pair in value.Entries)
            {
                var entry = pair.Value;
                if (entry.IsStale
                    && _locations[pair.Key].Overlaps(location)
                    && !HeldSinceRead(entry.StaleRead)
                    && (found is null || entry.StaleRead < found.Value.StaleRead))
                {
                    found = entry;
                }
            }

            return found is { } stale
                ? new Finding(Descriptors.LostUpdate, write, _reads[stale.StaleRead].Operation, _suspensions[stale.StaleAwait], location, updateKind)
                : null;
        }

        /// <summary>A write in the region of a branch that tested the same state before a suspension point.</summary>
        private Finding? FindCheckThenAct(StateLocation location, IOperation write, string updateKind)
        {
            SnapshotEntry? found = null;
            foreach (var guard in _state.Guards.Values)
            {
                foreach (var pair in guard.Entries)
                {
                    if (!_locations[pair.Key].Overlaps(location))
                    {
                        continue;
                    }

                    if (pair.Value.IsFresh)
                    {
                        // The state was tested again after the await (double-checked): the write acts on a fresh test.
                        return null;
                    }

                    var entry = pair.Value;
                    if (entry.IsStale && !HeldSinceRead(entry.StaleRead) && (found is null || entry.StaleRead < found.Value.StaleRead))
                    {
                        found = entry;
                    }
                }
            }

            return found is { } stale
                ? new Finding(Descriptors.CheckThenAct, write, _reads[stale.StaleRead].Operation, _suspensions[stale.StaleAwait], location, updateKind)
                : null;
        }

        /// <summary>True when a lock held where the value was read is still held here.</summary>
        private bool HeldSinceRead(int readSite)
        {
            var atRead = _reads[readSite].HeldAtRead;
            if (atRead is null || atRead.Count == 0 || _state.Held.Count == 0)
            {
                return false;
            }

            foreach (var key in atRead)
            {
                if (_state.Held.Contains(key))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The id of a tracked location, or -1 when the body never writes anything it overlaps.</summary>
        private int LocationId(StateLocation location)
        {
            if (_locationIds.TryGetValue(location, out var id))
            {
                return id;
            }

            var written = false;
            foreach (var candidate in _written)
            {
                written |= candidate.Overlaps(location);
            }

            id = written ? _locations.Count : -1;
            if (written)
            {
                _locations.Add(location);
            }

            _locationIds.Add(location, id);
            return id;
        }

        private int ReadSiteOf(IOperation operation, int location)
        {
            if (!_readIndex.TryGetValue(operation, out var index))
            {
                index = _reads.Count;
                _reads.Add(new ReadSite(operation, location));
                _readIndex.Add(operation, index);
            }

            // Held sets only shrink as the fixed point is approached, so the running intersection is the final one.
            var site = _reads[index];
            if (site.HeldAtRead is null)
            {
                site.HeldAtRead = new HashSet<object>(_state.Held, KeyComparer.Instance);
            }
            else
            {
                site.HeldAtRead.IntersectWith(_state.Held);
            }

            return index;
        }

        private int SuspensionSite(IOperation operation)
        {
            if (!_suspensionIndex.TryGetValue(operation, out var index))
            {
                index = _suspensions.Count;
                _suspensions.Add(operation);
                _suspensionIndex.Add(operation, index);
            }

            return index;
        }

        private void Suspend(IOperation suspension)
        {
            var site = SuspensionSite(suspension);
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

        /// <summary>True for <c>await x.LockAsync()</c>-style calls that return a disposable lock handle.</summary>
        private bool IsLockAcquisition(IOperation value)
        {
            if (StripConversions(value) is not IAwaitOperation await)
            {
                return false;
            }

            var awaited = StripConversions(await.Operation);
            if (awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
            {
                awaited = StripConversions(configured);
            }

            return awaited is IInvocationOperation call
                && _options.IsLockMethod(call.TargetMethod)
                && (KnownSymbols.Implements(await.Type, _known.Disposable) || KnownSymbols.Implements(await.Type, _known.AsyncDisposable));
        }

        private bool IsVolatileRead(IInvocationOperation invocation)
            => invocation.TargetMethod.Name == "Read"
                && invocation.Arguments.Length == 1
                && KnownSymbols.Is(invocation.TargetMethod.ContainingType, _known.Volatile);

        private bool IsSemaphore(IOperation receiver) => KnownSymbols.Is(receiver.Type, _known.SemaphoreSlim);

        /// <summary>The key under which a private variable or flow capture's value is tracked.</summary>
        private static object? HolderOf(IOperation operation)
            => operation switch
            {
                IDeclarationExpressionOperation declaration => HolderOf(declaration.Expression),
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFlowCaptureReferenceOperation capture => capture.Id,
                _ => null,
            };

        private static IOperation StripConversions(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        private sealed class ReadSite
        {
            public ReadSite(IOperation operation, int location)
            {
                Operation = operation;
                Location = location;
            }

            public IOperation Operation { get; }

            public int Location { get; }

            public HashSet<object>? HeldAtRead { get; set; }
        }

        private sealed class FinallySummary
        {
            public FinallySummary(IOperation? suspension, HashSet<object> releases)
            {
                Suspension = suspension;
                Releases = releases;
            }

            public IOperation? Suspension { get; }

            public HashSet<object> Releases { get; }
        }
    }
}
