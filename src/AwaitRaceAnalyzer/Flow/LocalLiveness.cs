using System.Collections.Generic;
using System.Collections.Immutable;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// Which locals and parameters may still be referenced from the start of each block (a backward "may be used
    /// later" analysis). The flow analysis forgets the values of variables that are not, which keeps its states small
    /// and its cost linear in long methods.
    /// </summary>
    internal sealed class LocalLiveness
    {
        private static readonly int[] None = new int[0];

        private readonly Dictionary<ISymbol, int> _index;

        // For each block, the indices of the variables live at its start, ascending. A bit matrix of blocks by
        // variables would grow with the square of a long method's length; these lists grow with what is live.
        private readonly int[][] _liveIn;

        private LocalLiveness(Dictionary<ISymbol, int> index, int[][] liveIn)
        {
            _index = index;
            _liveIn = liveIn;
        }

        public static LocalLiveness Compute(ControlFlowGraph graph, IReadOnlyList<int>[] handlerEntries)
        {
            var blocks = graph.Blocks;
            var index = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
            var usedIn = new List<List<int>>();
            for (var ordinal = 0; ordinal < blocks.Length; ordinal++)
            {
                foreach (var operation in blocks[ordinal].AllOperations())
                {
                    Collect(operation, ordinal, index, usedIn);
                }
            }

            // live-in(b) = used(b) ∪ live-in of successors and of the handlers protecting b: a variable is live at the
            // start of every block from which some block using it can be reached, found backwards from its uses.
            var predecessors = Predecessors(blocks, handlerEntries);
            var live = new List<int>?[blocks.Length];
            var marked = new int[blocks.Length];
            var pending = new Stack<int>();
            for (var variable = 0; variable < usedIn.Count; variable++)
            {
                var stamp = variable + 1;
                foreach (var use in usedIn[variable])
                {
                    if (marked[use] != stamp)
                    {
                        marked[use] = stamp;
                        pending.Push(use);
                    }
                }

                while (pending.Count > 0)
                {
                    var block = pending.Pop();
                    (live[block] ??= new List<int>(2)).Add(variable);
                    foreach (var predecessor in predecessors[block])
                    {
                        if (marked[predecessor] != stamp)
                        {
                            marked[predecessor] = stamp;
                            pending.Push(predecessor);
                        }
                    }
                }
            }

            var liveIn = new int[blocks.Length][];
            for (var ordinal = 0; ordinal < blocks.Length; ordinal++)
            {
                liveIn[ordinal] = live[ordinal]?.ToArray() ?? None;
            }

            return new LocalLiveness(index, liveIn);
        }

        /// <summary>False only for a variable known to be unused from <paramref name="block"/> on.</summary>
        public bool MayBeUsed(int block, ISymbol variable)
            => !_index.TryGetValue(variable, out var position) || System.Array.BinarySearch(_liveIn[block], position) >= 0;

        /// <summary>Reversed edges: the blocks that flow into each block, including the protected blocks of a handler.</summary>
        private static List<int>[] Predecessors(ImmutableArray<BasicBlock> blocks, IReadOnlyList<int>[] handlerEntries)
        {
            var predecessors = new List<int>[blocks.Length];
            for (var ordinal = 0; ordinal < blocks.Length; ordinal++)
            {
                predecessors[ordinal] = new List<int>(2);
            }

            for (var ordinal = 0; ordinal < blocks.Length; ordinal++)
            {
                var block = blocks[ordinal];
                if (block.FallThroughSuccessor?.Destination is { } fallThrough)
                {
                    predecessors[fallThrough.Ordinal].Add(ordinal);
                }

                if (block.ConditionalSuccessor?.Destination is { } conditional)
                {
                    predecessors[conditional.Ordinal].Add(ordinal);
                }

                foreach (var handler in handlerEntries[ordinal])
                {
                    predecessors[handler].Add(ordinal);
                }
            }

            return predecessors;
        }

        private static void Collect(IOperation operation, int ordinal, Dictionary<ISymbol, int> index, List<List<int>> usedIn)
        {
            var variable = operation switch
            {
                ILocalReferenceOperation local => (ISymbol)local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };
            if (variable is null)
            {
                return;
            }

            if (!index.TryGetValue(variable, out var position))
            {
                position = index.Count;
                index.Add(variable, position);
                usedIn.Add(new List<int>(2));
            }

            var uses = usedIn[position];
            if (uses.Count == 0 || uses[uses.Count - 1] != ordinal)
            {
                uses.Add(ordinal);
            }
        }
    }
}
