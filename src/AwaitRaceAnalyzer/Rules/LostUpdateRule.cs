using System.Collections.Immutable;
using AwaitRaceAnalyzer.Flow;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// AWR001: the value written derives from a read of the same state made before a suspension point, and no lock
    /// was held from that read to the write. The earliest such read is reported. Not a lost update: writing back a
    /// value saved before the body's own override of the state (save, override, await, restore). A compound write
    /// (<c>x += v</c>) carries only its own read of x, so a stale read that only sized v is not counted; the same
    /// holds for a plain write whose value re-reads the state after the await.
    /// </summary>
    internal sealed class LostUpdateRule : IWriteRule
    {
        public static readonly LostUpdateRule Instance = new LostUpdateRule();

        public ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = ImmutableArray.Create(AwaitRaceAnalyzer.Descriptors.LostUpdate, AwaitRaceAnalyzer.Descriptors.AdvisoryLostUpdate);

        /// <summary>
        /// The value also holds a read of the state made after the await, and the stale read reached it only through
        /// a call (<c>var n = await ReceiveAsync(_buffer); _buffer = _buffer.Slice(n);</c>): like <c>_filled += n</c>,
        /// the write builds on the state as it is now, so nothing another task wrote is overwritten. The same read
        /// fresh on one path and stale on another (a catch reached before or after the await) is no re-read.
        /// </summary>
        private static bool ReReadsAfterTheAwait(SnapshotEntry entry)
            => entry.FreshRead >= 0 && entry.FreshRead != entry.StaleRead && !entry.StaleDirect;

        /// <summary>Says why a throttle's write loses an update: the tasks that waited on one reading all take its slot.</summary>
        private const string ThrottleClause = "; the wait was decided from it, so every task that waited on the same reading takes the same slot";

        public Finding? Check(in WriteFacts facts, RuleContext context, AnalysedBody body)
        {
            SnapshotEntry? found = null;
            foreach (var pair in facts.Value.Entries)
            {
                var entry = pair.Value;
                if (entry.IsStale
                    && facts.Overlaps(pair.Key)
                    && !ReReadsAfterTheAwait(entry)
                    && !WriteFacts.RestoresOwnOverride(entry)
                    && !facts.HeldSinceRead(entry.StaleRead)
                    && (found is null || entry.StaleRead < found.Value.StaleRead))
                {
                    found = entry;
                }
            }

            if (found is not { } stale)
            {
                return null;
            }

            var suspension = facts.SuspensionAt(stale.StaleAwait);
            return new Finding(AwaitRaceAnalyzer.Descriptors.LostUpdate, facts, facts.ReadAt(stale.StaleRead), suspension)
            {
                ShapeClause = facts.WaitDecided && SuspensionPoints.DelayOf(suspension) is not null ? ThrottleClause : string.Empty,
            };
        }
    }
}
