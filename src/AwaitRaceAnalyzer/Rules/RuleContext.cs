using AwaitRaceAnalyzer.Infrastructure;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>What the rules share across one compilation: the known symbols and the per-type summaries (writers, synchronisation).</summary>
    internal sealed class RuleContext
    {
        public RuleContext(KnownSymbols known)
        {
            Known = known;
        }

        public KnownSymbols Known { get; }

        public TypeWriters Writers { get; } = new TypeWriters();

        public TypeSynchronisation Synchronisation { get; } = new TypeSynchronisation();
    }
}
