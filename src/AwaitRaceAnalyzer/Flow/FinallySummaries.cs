using System.Collections.Generic;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// What running a <c>finally</c> region does to the state, computed once per region: whether it suspends
    /// (<c>await using</c> disposes with an await) and which locks it gives back. The driver applies a summary to
    /// every edge that leaves the protected <c>try</c>.
    /// </summary>
    internal sealed class FinallySummaries
    {
        private readonly ControlFlowGraph _graph;
        private readonly LockIdioms _locks;
        private readonly Dictionary<ControlFlowRegion, FinallySummary> _summaries = new Dictionary<ControlFlowRegion, FinallySummary>();

        public FinallySummaries(ControlFlowGraph graph, LockIdioms locks)
        {
            _graph = graph;
            _locks = locks;
        }

        public FinallySummary Of(ControlFlowRegion finallyRegion)
        {
            if (_summaries.TryGetValue(finallyRegion, out var summary))
            {
                return summary;
            }

            IOperation? suspension = null;
            var releases = new HashSet<LockKey>();
            for (var ordinal = finallyRegion.FirstBlockOrdinal; ordinal <= finallyRegion.LastBlockOrdinal; ordinal++)
            {
                foreach (var operation in _graph.Blocks[ordinal].AllOperations())
                {
                    if (SuspensionPoints.IsSuspension(operation))
                    {
                        suspension ??= operation;
                    }
                    else if (operation is IInvocationOperation invocation && _locks.Classify(invocation) is { Effect: LockEffect.Release } release)
                    {
                        releases.Add(release.Key);
                    }
                }
            }

            summary = new FinallySummary(suspension, releases);
            _summaries.Add(finallyRegion, summary);
            return summary;
        }
    }

    /// <summary>The effect of one finally region: its first suspension point, if any, and the locks it releases.</summary>
    internal sealed class FinallySummary
    {
        public FinallySummary(IOperation? suspension, HashSet<LockKey> releases)
        {
            Suspension = suspension;
            Releases = releases;
        }

        public IOperation? Suspension { get; }

        public HashSet<LockKey> Releases { get; }

        public bool ChangesState => Suspension is not null || Releases.Count > 0;
    }
}
