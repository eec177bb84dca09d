using System.Collections.Generic;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// What a value knows about one piece of shared state: the read it may still hold fresh (<see cref="FreshRead"/>),
    /// and the read it may hold stale together with the suspension point that made it so. -1 means none. When paths
    /// join, the lowest read and await indices are kept, so a result is deterministic and the lattice is finite.
    /// </summary>
    internal struct SnapshotEntry
    {
        public static readonly SnapshotEntry None = new SnapshotEntry { FreshRead = -1, StaleRead = -1, StaleAwait = -1 };

        public int FreshRead;
        public int StaleRead;
        public int StaleAwait;

        /// <summary>
        /// False when the fresh (or stale) read reached this value only as an input of a call
        /// (<c>await ReceiveAsync(_buffer, _filled)</c>): the value was computed from the state, not copied from it.
        /// </summary>
        public bool FreshDirect;
        public bool StaleDirect;

        /// <summary>True when, on every path, the body wrote the state itself after this (fresh or stale) read.</summary>
        public bool FreshOverridden;
        public bool StaleOverridden;

        public bool IsStale => StaleRead >= 0;

        public bool IsFresh => FreshRead >= 0;

        public static SnapshotEntry Join(SnapshotEntry left, SnapshotEntry right)
        {
            var result = left;
            result.FreshDirect = (left.FreshRead >= 0 && left.FreshDirect) || (right.FreshRead >= 0 && right.FreshDirect);
            result.StaleDirect = (left.StaleRead >= 0 && left.StaleDirect) || (right.StaleRead >= 0 && right.StaleDirect);
            result.FreshOverridden = (left.FreshRead >= 0 || right.FreshRead >= 0)
                && (left.FreshRead < 0 || left.FreshOverridden) && (right.FreshRead < 0 || right.FreshOverridden);
            result.StaleOverridden = (left.StaleRead >= 0 || right.StaleRead >= 0)
                && (left.StaleRead < 0 || left.StaleOverridden) && (right.StaleRead < 0 || right.StaleOverridden);
            if (right.FreshRead >= 0 && (result.FreshRead < 0 || right.FreshRead < result.FreshRead))
            {
                result.FreshRead = right.FreshRead;
            }

            if (right.StaleRead >= 0 && (result.StaleRead < 0 || right.StaleRead < result.StaleRead
                || (right.StaleRead == result.StaleRead && right.StaleAwait < result.StaleAwait)))
            {
                result.StaleRead = right.StaleRead;
                result.StaleAwait = right.StaleAwait;
            }

            return result;
        }

        public SnapshotEntry CrossedBy(int awaitSite)
        {
            if (FreshRead < 0)
            {
                return this;
            }

            var crossed = new SnapshotEntry { FreshRead = -1, StaleRead = FreshRead, StaleAwait = awaitSite, StaleDirect = FreshDirect, StaleOverridden = FreshOverridden };
            return Join(crossed, new SnapshotEntry { FreshRead = -1, StaleRead = StaleRead, StaleAwait = StaleAwait, StaleDirect = StaleDirect, StaleOverridden = StaleOverridden });
        }

        public bool SameAs(SnapshotEntry other)
            => FreshRead == other.FreshRead && StaleRead == other.StaleRead && StaleAwait == other.StaleAwait
                && FreshDirect == other.FreshDirect && StaleDirect == other.StaleDirect
                && FreshOverridden == other.FreshOverridden && StaleOverridden == other.StaleOverridden;
    }

    /// <summary>
    /// The shared state a value may derive from: one <see cref="SnapshotEntry"/> per state location id. Its size is
    /// bounded by the number of distinct locations a body writes, not by the number of reads.
    /// </summary>
    internal sealed class SnapshotSet
    {
        private static readonly KeyValuePair<int, SnapshotEntry>[] NoEntries = new KeyValuePair<int, SnapshotEntry>[0];

        // Most sets the transfer makes stay empty: the dictionary is only allocated on the first entry.
        private Dictionary<int, SnapshotEntry>? _entries;

        public SnapshotSet()
        {
        }

        private SnapshotSet(Dictionary<int, SnapshotEntry>? entries)
        {
            _entries = entries;
        }

        public int Count => _entries?.Count ?? 0;

        public IEnumerable<KeyValuePair<int, SnapshotEntry>> Entries => (IEnumerable<KeyValuePair<int, SnapshotEntry>>?)_entries ?? NoEntries;

        public SnapshotSet Clone() => new SnapshotSet(_entries is { Count: > 0 } entries ? new Dictionary<int, SnapshotEntry>(entries) : null);

        public void AddFresh(int location, int readSite)
            => Add(location, new SnapshotEntry { FreshRead = readSite, StaleRead = -1, StaleAwait = -1, FreshDirect = true });

        /// <summary>Marks the fresh reads of the given locations as overridden by the body's own write.</summary>
        public void MarkOverridden(List<int> locations)
        {
            if (_entries is not { Count: > 0 } entries)
            {
                return;
            }

            foreach (var location in locations)
            {
                if (entries.TryGetValue(location, out var entry) && entry.IsFresh && !entry.FreshOverridden)
                {
                    entry.FreshOverridden = true;
                    entries[location] = entry;
                }
            }
        }

        /// <summary>Marks every entry as reaching the value only through a call's inputs.</summary>
        public void MarkComputedByCall()
        {
            if (_entries is not { Count: > 0 } entries)
            {
                return;
            }

            foreach (var location in new List<int>(entries.Keys))
            {
                var entry = entries[location];
                entry.FreshDirect = false;
                entry.StaleDirect = false;
                entries[location] = entry;
            }
        }

        public bool UnionWith(SnapshotSet other)
        {
            if (other._entries is not { Count: > 0 } theirs)
            {
                return false;
            }

            var changed = false;
            foreach (var pair in theirs)
            {
                changed |= Add(pair.Key, pair.Value);
            }

            return changed;
        }

        /// <summary>Marks every fresh read as having crossed <paramref name="awaitSite"/>.</summary>
        public void CrossAll(int awaitSite)
        {
            if (_entries is not { Count: > 0 } entries)
            {
                return;
            }

            List<int>? fresh = null;
            foreach (var pair in entries)
            {
                if (pair.Value.IsFresh)
                {
                    (fresh ??= new List<int>()).Add(pair.Key);
                }
            }

            if (fresh is null)
            {
                return;
            }

            foreach (var location in fresh)
            {
                entries[location] = entries[location].CrossedBy(awaitSite);
            }
        }

        /// <summary>True when the value derives from some read of <paramref name="location"/>.</summary>
        public bool Contains(int location) => _entries is not null && _entries.ContainsKey(location);

        /// <summary>Forgets every read of the given locations.</summary>
        public void Remove(List<int> locations)
        {
            if (_entries is not { Count: > 0 } entries)
            {
                return;
            }

            foreach (var location in locations)
            {
                entries.Remove(location);
            }
        }

        /// <summary>Forgets fresh reads of the given locations; drops emptied entries.</summary>
        public void RemoveFresh(List<int> locations)
        {
            if (_entries is not { Count: > 0 } entries)
            {
                return;
            }

            foreach (var location in locations)
            {
                if (!entries.TryGetValue(location, out var entry) || !entry.IsFresh)
                {
                    continue;
                }

                entry.FreshRead = -1;
                entry.FreshDirect = false;
                entry.FreshOverridden = false;
                if (entry.IsStale)
                {
                    entries[location] = entry;
                }
                else
                {
                    entries.Remove(location);
                }
            }
        }

        public bool Add(int location, SnapshotEntry entry)
        {
            var entries = _entries ??= new Dictionary<int, SnapshotEntry>();
            if (!entries.TryGetValue(location, out var existing))
            {
                entries.Add(location, entry);
                return true;
            }

            var joined = SnapshotEntry.Join(existing, entry);
            if (joined.SameAs(existing))
            {
                return false;
            }

            entries[location] = joined;
            return true;
        }
    }
}
