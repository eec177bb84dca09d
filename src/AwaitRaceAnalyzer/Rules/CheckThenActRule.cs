using AwaitRaceAnalyzer.Flow;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// AWR002: the write runs in the region of a branch that tested the same state before a suspension point, the
    /// state was not tested again after it, and no lock was held from the test to the write.
    /// </summary>
    internal sealed class CheckThenActRule : IWriteRule
    {
        public static readonly CheckThenActRule Instance = new CheckThenActRule();

        public DiagnosticDescriptor Descriptor => Descriptors.CheckThenAct;

        public Finding? Check(in WriteFacts facts)
        {
            SnapshotEntry? found = null;
            foreach (var guard in facts.Guards)
            {
                foreach (var pair in guard.Entries)
                {
                    if (!facts.Overlaps(pair.Key))
                    {
                        continue;
                    }

                    var entry = pair.Value;
                    if (entry.IsFresh || (entry.IsStale && facts.HeldSinceRead(entry.StaleRead)))
                    {
                        // The state was tested again after the await, or under a lock still held here (double-checked
                        // initialisation, however much work follows inside the lock): the write acts on that test.
                        return null;
                    }

                    if (entry.IsStale && facts.CanBeOverwrittenThrough(entry) && (found is null || entry.StaleRead < found.Value.StaleRead))
                    {
                        found = entry;
                    }
                }
            }

            return found is { } stale
                ? new Finding(this, facts, facts.ReadAt(stale.StaleRead), facts.SuspensionAt(stale.StaleAwait))
                : null;
        }
    }
}
