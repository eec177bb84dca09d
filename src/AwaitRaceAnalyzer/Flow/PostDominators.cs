using System.Collections.Generic;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// The post-dominator tree of a control flow graph (Cooper, Harvey and Kennedy's iterative algorithm on the
    /// reversed graph). A branch's region, where writes are control-dependent on it, ends at its immediate
    /// post-dominator.
    /// </summary>
    internal sealed class PostDominators
    {
        private readonly int[] _immediate;
        private readonly int _exit;

        private PostDominators(int[] immediate, int exit)
        {
            _immediate = immediate;
            _exit = exit;
        }

        /// <param name="graph">The graph.</param>
        /// <param name="ignoreThrows">
        /// When true, paths that end in a throw do not count: a block whose every path throws has no post-dominator,
        /// and a block post-dominates another when every path from it that does not throw passes through it.
        /// </param>
        public static PostDominators Build(ControlFlowGraph graph, bool ignoreThrows = false)
        {
            var count = graph.Blocks.Length;
            var exit = count - 1;
            var successors = new List<int>[count];
            var predecessors = new List<int>[count];
            for (var i = 0; i < count; i++)
            {
                successors[i] = new List<int>(2);
                predecessors[i] = new List<int>(2);
            }

            var thrower = new bool[count];
            for (var i = 0; i < count; i++)
            {
                var block = graph.Blocks[i];
                var throws = false;
                throws |= !AddEdge(i, block.FallThroughSuccessor, exit, successors, predecessors, ignoreThrows);
                throws |= !AddEdge(i, block.ConditionalSuccessor, exit, successors, predecessors, ignoreThrows);
                thrower[i] = throws;
            }

            // A block that cannot reach the exit (an endless worker loop) gets an edge to it, so every block has a
            // post-dominator and the tests inside such a loop still have regions. Blocks that only throw stay apart.
            ConnectBlocksThatCannotExit(count, exit, successors, predecessors, thrower);

            // Post-order of the reversed graph, from the exit (iterative, so deep graphs cannot overflow the stack).
            var postOrder = new int[count];
            var order = new List<int>(count);
            var visited = new bool[count];
            var stack = new Stack<(int Node, int Next)>();
            stack.Push((exit, 0));
            visited[exit] = true;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next < predecessors[node].Count)
                {
                    stack.Push((node, next + 1));
                    var predecessor = predecessors[node][next];
                    if (!visited[predecessor])
                    {
                        visited[predecessor] = true;
                        stack.Push((predecessor, 0));
                    }
                }
                else
                {
                    postOrder[node] = order.Count;
                    order.Add(node);
                }
            }

            var immediate = new int[count];
            for (var i = 0; i < count; i++)
            {
                immediate[i] = -1;
            }

            immediate[exit] = exit;
            var changed = true;
            while (changed)
            {
                changed = false;
                for (var k = order.Count - 1; k >= 0; k--)
                {
                    var node = order[k];
                    if (node == exit)
                    {
                        continue;
                    }

                    var candidate = -1;
                    foreach (var successor in successors[node])
                    {
                        if (immediate[successor] == -1)
                        {
                            continue;
                        }

                        candidate = candidate == -1 ? successor : Intersect(successor, candidate, immediate, postOrder);
                    }

                    if (candidate != -1 && immediate[node] != candidate)
                    {
                        immediate[node] = candidate;
                        changed = true;
                    }
                }
            }

            return new PostDominators(immediate, exit);
        }

        /// <summary>The immediate post-dominator of <paramref name="block"/>; -1 for the exit.</summary>
        public int ImmediateOf(int block) => block == _exit ? -1 : _immediate[block];

        private static void ConnectBlocksThatCannotExit(int count, int exit, List<int>[] successors, List<int>[] predecessors, bool[] thrower)
        {
            var reaches = Reaching(count, exit, predecessors, new[] { exit });
            var throwers = new List<int>();
            for (var i = 0; i < count; i++)
            {
                if (thrower[i])
                {
                    throwers.Add(i);
                }
            }

            var reachesThrow = Reaching(count, exit, predecessors, throwers);
            for (var i = 0; i < count; i++)
            {
                if (!reaches[i] && !reachesThrow[i])
                {
                    successors[i].Add(exit);
                    predecessors[exit].Add(i);
                }
            }
        }

        /// <summary>Every block from which one of <paramref name="targets"/> can be reached.</summary>
        private static bool[] Reaching(int count, int exit, List<int>[] predecessors, IEnumerable<int> targets)
        {
            var reaches = new bool[count];
            var pending = new Stack<int>();
            foreach (var target in targets)
            {
                reaches[target] = true;
                pending.Push(target);
            }

            while (pending.Count > 0)
            {
                foreach (var predecessor in predecessors[pending.Pop()])
                {
                    if (!reaches[predecessor])
                    {
                        reaches[predecessor] = true;
                        pending.Push(predecessor);
                    }
                }
            }

            return reaches;
        }

        /// <summary>Adds the edge; false when it is a throw left out because throws are ignored.</summary>
        private static bool AddEdge(int from, ControlFlowBranch? branch, int exit, List<int>[] successors, List<int>[] predecessors, bool ignoreThrows)
        {
            if (branch is null)
            {
                return true;
            }

            if (ignoreThrows && branch.Semantics is ControlFlowBranchSemantics.Throw or ControlFlowBranchSemantics.Rethrow)
            {
                return false;
            }

            // Throws and the ends of finally/catch regions leave the graph: treat them as edges to the exit.
            var to = branch.Destination?.Ordinal ?? exit;
            if (from == to)
            {
                return true;
            }

            successors[from].Add(to);
            predecessors[to].Add(from);
            return true;
        }

        private static int Intersect(int left, int right, int[] immediate, int[] postOrder)
        {
            while (left != right)
            {
                while (postOrder[left] < postOrder[right])
                {
                    left = immediate[left];
                }

                while (postOrder[right] < postOrder[left])
                {
                    right = immediate[right];
                }
            }

            return left;
        }
    }
}
