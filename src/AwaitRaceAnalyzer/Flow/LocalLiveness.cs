using System.Collections.Generic;
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
        private readonly Dictionary<ISymbol, int> _index;
        private readonly ulong[][] _liveIn;

        private LocalLiveness(Dictionary<ISymbol, int> index, ulong[][] liveIn)
        {
            _index = index;
            _liveIn = liveIn;
        }

        public static LocalLiveness Compute(ControlFlowGraph graph, IReadOnlyList<int>[] handlerEntries)
        {
            var blocks = graph.Blocks;
            var index = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
            var referenced = new List<int>[blocks.Length];
            for (var ordinal = 0; ordinal < blocks.Length; ordinal++)
            {
                referenced[ordinal] = new List<int>();
                foreach (var operation in blocks[ordinal].AllOperations())
                {
                    Collect(operation, index, referenced[ordinal]);
                }
            }

            var words = (index.Count + 63) / 64;
            var liveIn = new ulong[blocks.Length][];
            for (var ordinal = 0; ordinal < blocks.Length; ordinal++)
            {
                liveIn[ordinal] = new ulong[words];
                foreach (var variable in referenced[ordinal])
                {
                    liveIn[ordinal][variable / 64] |= 1UL << (variable % 64);
                }
            }

            // Backward fixed point: live-in(b) = used(b) ∪ live-in of successors and of the handlers protecting b.
            var changed = true;
            while (changed)
            {
                changed = false;
                for (var ordinal = blocks.Length - 1; ordinal >= 0; ordinal--)
                {
                    var block = blocks[ordinal];
                    changed |= Include(liveIn[ordinal], block.FallThroughSuccessor?.Destination, liveIn);
                    changed |= Include(liveIn[ordinal], block.ConditionalSuccessor?.Destination, liveIn);
                    foreach (var handler in handlerEntries[ordinal])
                    {
                        changed |= Include(liveIn[ordinal], handler, liveIn);
                    }
                }
            }

            return new LocalLiveness(index, liveIn);
        }

        /// <summary>False only for a variable known to be unused from <paramref name="block"/> on.</summary>
        public bool MayBeUsed(int block, ISymbol variable)
            => !_index.TryGetValue(variable, out var position) || (_liveIn[block][position / 64] & (1UL << (position % 64))) != 0;

        private static bool Include(ulong[] target, BasicBlock? successor, ulong[][] liveIn)
            => successor is not null && Include(target, successor.Ordinal, liveIn);

        private static bool Include(ulong[] target, int successor, ulong[][] liveIn)
        {
            var source = liveIn[successor];
            var changed = false;
            for (var i = 0; i < source.Length; i++)
            {
                var merged = target[i] | source[i];
                if (merged != target[i])
                {
                    target[i] = merged;
                    changed = true;
                }
            }

            return changed;
        }

        private static void Collect(IOperation operation, Dictionary<ISymbol, int> index, List<int> referenced)
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
            }

            referenced.Add(position);
        }
    }
}
