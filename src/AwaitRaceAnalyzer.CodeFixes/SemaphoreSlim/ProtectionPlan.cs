using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.CodeFixes.SemaphoreSlim
{
    /// <summary>
    /// Statements <see cref="First"/>..<see cref="Last"/> of <see cref="Block"/> (original syntax) to run while the
    /// <see cref="Gates"/> are held, and how to acquire them (token, ConfigureAwait habit).
    /// </summary>
    internal sealed class ProtectionPlan
    {
        public ProtectionPlan(BlockSyntax block, int first, int last, List<GatePlan> gates, string? cancellationToken, bool configureAwaitFalse)
        {
            Block = block;
            First = first;
            Last = last;
            Gates = gates;
            CancellationToken = cancellationToken;
            ConfigureAwaitFalse = configureAwaitFalse;
        }

        public BlockSyntax Block { get; }

        public int First { get; set; }

        public int Last { get; set; }

        public List<GatePlan> Gates { get; }

        public string? CancellationToken { get; }

        public bool ConfigureAwaitFalse { get; }

        public bool Contains(Microsoft.CodeAnalysis.SyntaxNode node)
        {
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
