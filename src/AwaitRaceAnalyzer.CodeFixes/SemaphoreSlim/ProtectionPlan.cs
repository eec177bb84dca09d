using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.CodeFixes.SemaphoreSlim
{
    /// <summary>
    /// What to run while the <see cref="Gates"/> are held, and how to acquire them (token, ConfigureAwait habit):
    /// either statements <see cref="First"/>..<see cref="Last"/> of <see cref="Block"/> (original syntax), or the
    /// whole expression body of <see cref="ExpressionBodyOwner"/> (a lambda, method or local function written with
    /// <c>=&gt;</c>), which is then turned into a block body.
    /// </summary>
    internal sealed class ProtectionPlan : IFixPlan
    {
        private ProtectionPlan(BlockSyntax? block, int first, int last, SyntaxNode? owner, bool returnsValue, List<GatePlan> gates, string? cancellationToken, bool configureAwaitFalse)
        {
            Block = block;
            First = first;
            Last = last;
            ExpressionBodyOwner = owner;
            ReturnsValue = returnsValue;
            Gates = gates;
            CancellationToken = cancellationToken;
            ConfigureAwaitFalse = configureAwaitFalse;
        }

        public BlockSyntax? Block { get; }

        public int First { get; set; }

        public int Last { get; set; }

        public SyntaxNode? ExpressionBodyOwner { get; }

        /// <summary>For an expression body: whether the body's value is returned (<c>Task&lt;T&gt;</c>) or discarded.</summary>
        public bool ReturnsValue { get; }

        public List<GatePlan> Gates { get; }

        public string? CancellationToken { get; }

        public bool ConfigureAwaitFalse { get; }

        /// <summary>The node the rewrite replaces: the block, or the owner of the expression body.</summary>
        public SyntaxNode Target => (SyntaxNode?)Block ?? ExpressionBodyOwner!;

        public static ProtectionPlan ForStatements(BlockSyntax block, int first, int last, List<GatePlan> gates, string? cancellationToken, bool configureAwaitFalse)
            => new ProtectionPlan(block, first, last, null, false, gates, cancellationToken, configureAwaitFalse);

        public static ProtectionPlan ForExpressionBody(SyntaxNode owner, bool returnsValue, List<GatePlan> gates, string? cancellationToken, bool configureAwaitFalse)
            => new ProtectionPlan(null, 0, 0, owner, returnsValue, gates, cancellationToken, configureAwaitFalse);

        public ProtectionPlan WithGates(List<GatePlan> gates)
            => new ProtectionPlan(Block, First, Last, ExpressionBodyOwner, ReturnsValue, gates, CancellationToken, ConfigureAwaitFalse);

        /// <summary>Collected, not written yet: <see cref="ProtectionRewriter"/> merges every protection of the document at the end.</summary>
        public void Apply(DocumentEditSession session) => session.Protections.Add(this);

        /// <summary>True when <paramref name="node"/> runs inside the protected code.</summary>
        public bool Contains(SyntaxNode node)
        {
            if (Block is null)
            {
                return ExpressionBodyOwner!.Span.Contains(node.Span);
            }

            for (var i = First; i <= Last; i++)
            {
                if (Block.Statements[i].Span.Contains(node.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
