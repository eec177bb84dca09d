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
        private readonly PostDominators _postDominators;
        private readonly List<int>?[] _direct;
        private readonly List<bool>?[] _viaConditional;
        private readonly HashSet<int>?[] _closure;
        private readonly HashSet<(int Block, int Branch)> _guardClauseOnly;

        private ControlDependence(ControlFlowGraph graph, PostDominators postDominators, List<int>?[] direct, List<bool>?[] viaConditional, HashSet<(int Block, int Branch)> guardClauseOnly)
        {
            _guardClauseOnly = guardClauseOnly;
            _graph = graph;
            _postDominators = postDominators;
            _direct = direct;
            _viaConditional = viaConditional;
            _closure = new HashSet<int>?[direct.Length];
        }

        public static ControlDependence Build(ControlFlowGraph graph, PostDominators postDominators)
        {
            // Dependence ignores paths that end in a throw: `if (o) { …; if (failed) throw …; } write` runs the write
            // whichever way o goes (unless something throws), so o does not decide it. A guard clause whose outcome
            // is a throw (`if (_adapter != null) throw …;`) does decide what follows it, and is added explicitly.
            var withoutThrows = PostDominators.Build(graph, ignoreThrows: true);
            var exit = graph.Blocks.Length - 1;
            var direct = new List<int>?[graph.Blocks.Length];
            var viaConditional = new List<bool>?[graph.Blocks.Length];
            var guardClauseOnly = new HashSet<(int Block, int Branch)>();
            foreach (var block in graph.Blocks)
            {
                if (block.ConditionalSuccessor is null)
                {
                    continue;
                }

                var branches = new[] { block.FallThroughSuccessor, block.ConditionalSuccessor };
                for (var i = 0; i < 2; i++)
                {
                    var branch = branches[i];
                    var conditional = i == 1;
                    if (AlwaysThrows(branch, withoutThrows, exit))
                    {
                        // A guard clause: what the other outcome reaches, up to where both outcomes meet, depends on it.
                        var other = branches[1 - i];
                        Mark(direct, viaConditional, block.Ordinal, !conditional, other?.Destination?.Ordinal ?? -1, postDominators.ImmediateOf(block.Ordinal), postDominators, guardClauseOnly);
                        continue;
                    }

                    Mark(direct, viaConditional, block.Ordinal, conditional, branch?.Destination?.Ordinal ?? -1, withoutThrows.ImmediateOf(block.Ordinal), withoutThrows, null);
                }
            }

            return new ControlDependence(graph, postDominators, direct, viaConditional, guardClauseOnly);
        }

        /// <summary>Walks up the post-dominator tree from a successor to the branch's own post-dominator: every block on the way runs only when this edge is taken.</summary>
        /// <param name="guardClauseOnly">When given, the marks are recorded as coming from a guard clause only.</param>
        private static void Mark(List<int>?[] direct, List<bool>?[] viaConditional, int branch, bool conditional, int start, int stop, PostDominators tree, HashSet<(int Block, int Branch)>? guardClauseOnly)
        {
            var runner = start;
            var steps = 0;
            while (runner >= 0 && runner != stop && steps++ < direct.Length)
            {
                var list = direct[runner] ??= new List<int>(2);
                var sides = viaConditional[runner] ??= new List<bool>(2);
                var index = list.IndexOf(branch);
                if (index < 0)
                {
                    list.Add(branch);
                    sides.Add(conditional);
                    guardClauseOnly?.Add((runner, branch));
                }
                else if (sides[index] != conditional)
                {
                    // Reached from both outcomes: the branch does not decide it after all.
                    list.RemoveAt(index);
                    sides.RemoveAt(index);
                }

                runner = tree.ImmediateOf(runner);
            }
        }

        /// <summary>True for an edge after which every path throws.</summary>
        private static bool AlwaysThrows(ControlFlowBranch? branch, PostDominators withoutThrows, int exit)
        {
            if (branch is null)
            {
                return false;
            }

            if (branch.Destination is not { } destination)
            {
                return branch.Semantics is ControlFlowBranchSemantics.Throw or ControlFlowBranchSemantics.Rethrow;
            }

            return destination.Ordinal != exit && withoutThrows.ImmediateOf(destination.Ordinal) < 0;
        }

        public ControlFlowGraph Graph => _graph;

        /// <summary>Where the region of a branch ends: its immediate post-dominator (-1 for none).</summary>
        public int RegionEndOf(int branch) => _postDominators.ImmediateOf(branch);

        /// <summary>
        /// For a block that <paramref name="branch"/> decides: true when it runs after the branch's conditional
        /// successor is taken, false after its fall-through; null when that cannot be told (reached through several
        /// other tests that disagree).
        /// </summary>
        public bool? ReachedThroughConditional(int branch, int block)
        {
            var seen = new HashSet<int>();
            return Side(branch, block, seen);
        }

        private bool? Side(int branch, int block, HashSet<int> seen)
        {
            if (!seen.Add(block) || _direct[block] is not { } sources)
            {
                return null;
            }

            var index = sources.IndexOf(branch);
            if (index >= 0)
            {
                return _viaConditional[block]![index];
            }

            bool? result = null;
            foreach (var inner in sources)
            {
                if (Closure(inner).Contains(branch) && Side(branch, inner, seen) is { } side)
                {
                    if (result is { } known && known != side)
                    {
                        return null;
                    }

                    result = side;
                }
            }

            return result;
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

                    // A guard clause decides what follows it, but not through the tests that decide the clause itself
                    // (the code after `if (o) { if (failed) throw …; }` runs whichever way o goes).
                    if (!_guardClauseOnly.Contains((current, branch)) && seen.Add(branch))
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
