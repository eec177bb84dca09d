using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.Infrastructure
{
    /// <summary>The walks over operations that several parts of the analysis need, written once.</summary>
    internal static class OperationWalks
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

        /// <summary>Every operation of a block, nested ones included.</summary>
        public static IEnumerable<IOperation> AllOperations(this BasicBlock block)
        {
            foreach (var root in block.StatementsAndBranch())
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    yield return operation;
                }
            }
        }

        /// <summary>Every operation of a graph's blocks in block order, nested ones included.</summary>
        public static IEnumerable<IOperation> AllOperations(this ControlFlowGraph graph)
        {
            foreach (var block in graph.Blocks)
            {
                foreach (var operation in block.AllOperations())
                {
                    yield return operation;
                }
            }
        }

        /// <summary>True for the constant <c>null</c>, under any conversions.</summary>
        public static bool IsNullConstant(this IOperation operation)
            => operation.WithoutConversions().ConstantValue is { HasValue: true, Value: null };

        /// <summary>What an await waits for: its operand under conversions and a <c>ConfigureAwait(…)</c> call.</summary>
        public static IOperation AwaitedOperation(this IAwaitOperation await)
        {
            var awaited = await.Operation.WithoutConversions();
            return awaited is IInvocationOperation { TargetMethod.Name: WellKnownNames.ConfigureAwait, Instance: { } configured }
                ? configured.WithoutConversions()
                : awaited;
        }

        /// <summary>The operation under any implicit or explicit conversions.</summary>
        public static IOperation WithoutConversions(this IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
