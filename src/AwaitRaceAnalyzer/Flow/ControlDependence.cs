using System.Collections.Generic;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// Which branches each block is (transitively) control-dependent on: the tests that decide whether the block
    /// runs. Only those tests guard a write. A test that merely reaches the write around a loop's back edge or through
    /// an exception handler does not decide it, however the flow state carried it there. Blocks of a catch, filter or
    /// finally handler depend on what the protected try region depends on.
    /// </summary>
    internal sealed class ControlDependence
    {
        private readonly ControlFlowGraph _graph;
        private readonly List<int>?[] _direct;
        private readonly HashSet<int>?[] _closure;

        private ControlDependence(ControlFlowGraph graph, List<int>?[] direct)
        {
            _graph = graph;
            _direct = direct;
            _closure = new HashSet<int>?[direct.Length];
        }

        public static ControlDependence Build(ControlFlowGraph graph, PostDominators postDominators)
        {
            var direct = new List<int>?[graph.Blocks.Length];
            foreach (var block in graph.Blocks)
            {
                if (block.ConditionalSuccessor is null)
                {
                    continue;
                }

                var stop = postDominators.ImmediateOf(block.Ordinal);
                foreach (var branch in new[] { block.FallThroughSuccessor, block.ConditionalSuccessor })
                {
                    // Walk up the post-dominator tree from the successor to the branch's own post-dominator: every
                    // block on the way runs only when this edge is taken.
                    var runner = branch?.Destination?.Ordinal ?? -1;
                    var steps = 0;
                    while (runner >= 0 && runner != stop && steps++ < direct.Length)
                    {
                        var list = direct[runner] ??= new List<int>(2);
                        if (!list.Contains(block.Ordinal))
                        {
                            list.Add(block.Ordinal);
                        }

                        runner = postDominators.ImmediateOf(runner);
                    }
                }
            }

            return new ControlDependence(graph, direct);
        }

        /// <summary>True when whether <paramref name="block"/> runs depends, directly or through other tests, on <paramref name="branch"/>.</summary>
        public bool Decides(int branch, int block) => Closure(block).Contains(branch);

        private HashSet<int> Closure(int block)
        {
            if (_closure[block] is { } known)
            {
                return known;
            }

            // Iterative, marking first, so cycles (loop conditions depend on themselves) terminate.
            var result = new HashSet<int>();
            _closure[block] = result;
            var pending = new Stack<int>();
            pending.Push(block);
            var seen = new HashSet<int> { block };
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                var sources = _direct[current];
                if (sources is null && HandlerEntryOf(current) is var protectedEntry && protectedEntry >= 0 && seen.Add(protectedEntry))
                {
                    pending.Push(protectedEntry);
                    continue;
                }

                if (sources is null)
                {
                    continue;
                }

                foreach (var branch in sources)
                {
                    result.Add(branch);
                    if (seen.Add(branch))
                    {
                        pending.Push(branch);
                    }
                }
            }

            return result;
        }

        /// <summary>For a block of a catch, filter or finally handler: the first block of the try region it protects; else -1.</summary>
        private int HandlerEntryOf(int block)
        {
            for (var region = _graph.Blocks[block].EnclosingRegion; region is not null; region = region.EnclosingRegion)
            {
                if (region.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.Finally
                    && region.EnclosingRegion is { } tryAndHandlers
                    && tryAndHandlers.NestedRegions.Length > 0
                    && tryAndHandlers.NestedRegions[0].Kind == ControlFlowRegionKind.Try)
                {
                    return tryAndHandlers.NestedRegions[0].FirstBlockOrdinal;
                }

                if (region.Kind == ControlFlowRegionKind.FilterAndHandler && region.EnclosingRegion is { } outer
                    && outer.NestedRegions.Length > 0 && outer.NestedRegions[0].Kind == ControlFlowRegionKind.Try)
                {
                    return outer.NestedRegions[0].FirstBlockOrdinal;
                }
            }

            return -1;
        }
    }
}
