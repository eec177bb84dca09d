using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace AwaitRaceAnalyzer.LostUpdate
{
    internal static class BasicBlockExtensions
    {
        /// <summary>A block's statements and, last, its branch value (which can hold code too: <c>return x = …</c>).</summary>
        public static IEnumerable<IOperation> StatementsAndBranch(this BasicBlock block)
        {
            foreach (var operation in block.Operations)
            {
                yield return operation;
            }

            if (block.BranchValue is not null)
            {
                yield return block.BranchValue;
            }
        }
    }
}
