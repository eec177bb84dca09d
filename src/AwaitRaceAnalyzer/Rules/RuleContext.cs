using AwaitRaceAnalyzer.Filters;
using AwaitRaceAnalyzer.Infrastructure;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>What the analysis shares across one compilation: the known symbols, the per-type summaries (writers, synchronisation), the words per tree.</summary>
    internal sealed class RuleContext
    {
        public RuleContext(KnownSymbols known)
        {
            Known = known;
        }

        public KnownSymbols Known { get; }

        public TypeWriters Writers { get; } = new TypeWriters();

        public TypeSynchronisation Synchronisation { get; } = new TypeSynchronisation();

        /// <summary>Where each tree may suspend, for the first and cheapest pre-check.</summary>
        public Filters.SuspensionWords SuspensionWords { get; } = new Filters.SuspensionWords();
    }
}
