using AwaitRaceAnalyzer.Filters;
using AwaitRaceAnalyzer.Infrastructure;

using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>What the analysis shares across one compilation: the known symbols, the per-type summaries (writers, synchronisation), the words per tree.</summary>
    internal sealed class RuleContext
    {
        public RuleContext(KnownSymbols known, Compilation compilation)
        {
            Known = known;
            ConcurrentUse = new Concurrency.ConcurrentUseIndex(compilation);
            OwnedTypes = new Concurrency.OwnedTypes(compilation);
            SharedArguments = new Concurrency.SharedArguments(compilation);
        }

        public KnownSymbols Known { get; }

        public TypeWriters Writers { get; } = new TypeWriters();

        public TypeSynchronisation Synchronisation { get; } = new TypeSynchronisation();

        /// <summary>Which methods the compilation runs concurrently on one object, and why.</summary>
        public Concurrency.ConcurrentUseIndex ConcurrentUse { get; }

        /// <summary>Which parameters some call site of the compilation passes shared state.</summary>
        public Concurrency.SharedArguments SharedArguments { get; }

        /// <summary>Which types one flow owns (counter-evidence).</summary>
        public Concurrency.OwnedTypes OwnedTypes { get; }

        /// <summary>Which private methods and local functions run only under a lock every caller holds.</summary>
        public State.CallerLocks CallerLocks { get; } = new State.CallerLocks();

        /// <summary>Where each tree may suspend, for the first and cheapest pre-check.</summary>
        public Filters.SuspensionWords SuspensionWords { get; } = new Filters.SuspensionWords();
    }
}
