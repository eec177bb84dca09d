using System.Collections.Immutable;
using AwaitRaceAnalyzer.Flow;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// AWR001: the value written derives from a read of the same state made before a suspension point, and no lock
    /// was held from that read to the write. The earliest such read is reported. Not a lost update: writing back a
    /// value saved before the body's own override of the state (save, override, await, restore). A compound write
    /// (<c>x += v</c>) carries only its own read of x, so a stale read that only sized v is not counted.
    /// </summary>
    internal sealed class LostUpdateRule : IWriteRule
    {
        public static readonly LostUpdateRule Instance = new LostUpdateRule();

        public ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = ImmutableArray.Create(AwaitRaceAnalyzer.Descriptors.LostUpdate);

        public Finding? Check(in WriteFacts facts, RuleContext context, AnalysedBody body)
        {
            SnapshotEntry? found = null;
            foreach (var pair in facts.Value.Entries)
            {
                var entry = pair.Value;
                if (entry.IsStale
                    && facts.Overlaps(pair.Key)
                    && !WriteFacts.RestoresOwnOverride(entry)
                    && !facts.HeldSinceRead(entry.StaleRead)
                    && (found is null || entry.StaleRead < found.Value.StaleRead))
                {
                    found = entry;
                }
            }

            return found is { } stale
                ? new Finding(AwaitRaceAnalyzer.Descriptors.LostUpdate, facts, facts.ReadAt(stale.StaleRead), facts.SuspensionAt(stale.StaleAwait))
                : null;
        }
    }
}
