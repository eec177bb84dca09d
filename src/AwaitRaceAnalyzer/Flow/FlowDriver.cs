using System.Collections.Generic;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// Runs the snapshot analysis of one async body to its fixed point over the control flow graph (worklist in block
    /// order, joins, exception handlers, regions left, a work budget), then replays each reachable block once,
    /// showing every write of tracked state to an <see cref="IWriteObserver"/>.
    /// </summary>
    /// <remarks>
    /// Cost stays linear in practice: only state the body writes is tracked, values are kept per state location (not
    /// per read), variables are forgotten once no later block uses them, and a branch's guards are dropped at its
    /// immediate post-dominator, where its region ends.
    /// </remarks>
    internal sealed class FlowDriver
    {
        private readonly ControlFlowGraph _graph;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<CaptureId, IOperation?> _captureSources = new Dictionary<CaptureId, IOperation?>();
        private readonly SiteTable _sites = new SiteTable();
        private readonly TrackedLocations _locations;
        private readonly FinallySummaries _finallies;
        private readonly KnownSymbols _known;
        private readonly StateLocationResolver _resolver;
        private readonly LockIdioms _locks;
        private SnapshotTransfer _transfer = null!;
        private List<int>[] _handlerEntries = null!;
        private LocalLiveness _liveness = null!;
        private List<int>[] _endsRegionOf = null!;

        private FlowDriver(ControlFlowGraph graph, KnownSymbols known, VariableSharing sharing, AnalysisOptions options, CancellationToken cancellationToken)
        {
            _graph = graph;
            _cancellationToken = cancellationToken;
            CollectCaptureSources();
            _known = known;
            _resolver = new StateLocationResolver(known, sharing, options, id => _captureSources.TryGetValue(id, out var source) ? source : null);
            _locks = new LockIdioms(known, options, _resolver);
            _locations = TrackedLocations.Collect(graph, _resolver);
            _finallies = new FinallySummaries(graph, _locks);
        }

        /// <summary>Analyses one body and shows <paramref name="observer"/> the facts at every write of tracked state.</summary>
        public static void Run(ControlFlowGraph graph, KnownSymbols known, VariableSharing sharing, AnalysisOptions options, IWriteObserver observer, CancellationToken cancellationToken)
            => new FlowDriver(graph, known, sharing, options, cancellationToken).Run(observer);

        private void Run(IWriteObserver observer)
        {
            if (_locations.IsEmpty)
            {
                return;
            }

            var blocks = _graph.Blocks;
            _handlerEntries = HandlerEntries();
            _liveness = LocalLiveness.Compute(_graph, _handlerEntries);
            var postDominators = PostDominators.Build(_graph);
            _endsRegionOf = RegionEnds(postDominators);
            var dependence = ControlDependence.Build(_graph, postDominators);
            _transfer = new SnapshotTransfer(_known, _resolver, _locks, _locations, _sites, dependence);

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
                    return;
                }

                var ordinal = worklist.Min;
                worklist.Remove(ordinal);
                var input = inputs[ordinal]!;
                var output = Transfer(blocks[ordinal], input);
                Propagate(blocks[ordinal], input, output, inputs, worklist);
            }

            // Reporting pass over the fixed point: each reachable block once, in order.
            _transfer.Observer = observer;
            for (var ordinal = 0; ordinal < blocks.Length; ordinal++)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (inputs[ordinal] is { } input)
                {
                    Transfer(blocks[ordinal], input);
                }
            }
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
        private List<int>[] RegionEnds(PostDominators postDominators)
        {
            var ends = new List<int>[_graph.Blocks.Length];
            for (var ordinal = 0; ordinal < ends.Length; ordinal++)
            {
                ends[ordinal] = new List<int>();
            }

            for (var ordinal = 0; ordinal < ends.Length; ordinal++)
            {
                if (_graph.Blocks[ordinal].ConditionalSuccessor is not null && postDominators.ImmediateOf(ordinal) is var end && end >= 0)
                {
                    ends[end].Add(ordinal);
                }
            }

            return ends;
        }

        private FlowState Transfer(BasicBlock block, FlowState input)
        {
            var state = input.Clone();
            Forget(state, block.Ordinal);
            _transfer.Apply(block, state);
            return state;
        }

        /// <summary>Drops what can no longer matter here: variables no later block uses, guards of branches whose region ended.</summary>
        private void Forget(FlowState state, int ordinal)
        {
            List<VariableKey>? dead = null;
            foreach (var variable in state.Values.Keys)
            {
                if (variable.Symbol is { } symbol && !_liveness.MayBeUsed(ordinal, symbol))
                {
                    (dead ??= new List<VariableKey>()).Add(variable);
                }
            }

            if (dead is not null)
            {
                foreach (var variable in dead)
                {
                    state.Values.Remove(variable);
                }
            }

            foreach (var branch in _endsRegionOf[ordinal])
            {
                state.Guards.Remove(branch);
            }
        }

        private void Propagate(BasicBlock block, FlowState input, FlowState output, FlowState?[] inputs, SortedSet<int> worklist)
        {
            var gateWon = OneShotGateWon(block);
            foreach (var branch in new[] { block.FallThroughSuccessor, block.ConditionalSuccessor })
            {
                if (branch?.Destination is { } destination)
                {
                    var state = LeaveRegions(branch, output);
                    if (gateWon is { } won && ReferenceEquals(branch, won.Branch))
                    {
                        state = ReferenceEquals(state, output) ? state.Clone() : state;
                        state.Acquire(won.Key, _sites.AcquisitionSiteOf(block.BranchValue!));
                    }

                    if (destination.Ordinal <= block.Ordinal)
                    {
                        state = EndIteration(state, destination.Ordinal, block.Ordinal, output);
                    }

                    JoinInto(destination.Ordinal, state, inputs, worklist);
                }
            }

            // Exception handlers (catch, filter, finally) may start from any point of the try region they protect.
            foreach (var handlerEntry in _handlerEntries[block.Ordinal])
            {
                JoinInto(handlerEntry, input, inputs, worklist);
                JoinInto(handlerEntry, output, inputs, worklist);
            }
        }

        /// <summary>The successor only the winner of a one-shot gate tested by this block's branch reaches, with the gate's key.</summary>
        private (ControlFlowBranch Branch, LockKey Key)? OneShotGateWon(BasicBlock block)
        {
            if (block.ConditionalSuccessor is not { } conditional || block.FallThroughSuccessor is not { } fallThrough
                || block.BranchValue is null || _locks.OneShotGate(block.BranchValue, out var winsWhen) is not { } key)
            {
                return null;
            }

            var conditionalWhen = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
            return (winsWhen == conditionalWhen ? conditional : fallThrough, key);
        }

        /// <summary>
        /// A back edge (blocks are laid out in source order, so a jump backwards starts the next iteration of a
        /// loop): the tests made inside the loop belong to the iteration that ends, not to the writes of the next.
        /// </summary>
        private static FlowState EndIteration(FlowState state, int loopStart, int loopEnd, FlowState output)
        {
            List<int>? ended = null;
            foreach (var branch in state.Guards.Keys)
            {
                if (branch >= loopStart && branch <= loopEnd)
                {
                    (ended ??= new List<int>()).Add(branch);
                }
            }

            if (ended is null)
            {
                return state;
            }

            var result = ReferenceEquals(state, output) ? state.Clone() : state;
            foreach (var branch in ended)
            {
                result.Guards.Remove(branch);
            }

            return result;
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
                        result.Values.Remove(VariableKey.Of(capture));
                        result.Values.Remove(VariableKey.Of(capture).Members);
                    }
                }

                if (region.Kind != ControlFlowRegionKind.Try
                    || region.EnclosingRegion is not { Kind: ControlFlowRegionKind.TryAndFinally } tryAndFinally)
                {
                    continue;
                }

                var summary = _finallies.Of(tryAndFinally.NestedRegions[1]);
                if (!summary.ChangesState)
                {
                    continue;
                }

                result = ReferenceEquals(result, state) ? state.Clone() : result;
                if (summary.Suspension is not null)
                {
                    result.CrossAll(_sites.SuspensionSiteOf(summary.Suspension));
                }

                result.ReleaseAll(summary.Releases);
            }

            return result;
        }
    }
}
