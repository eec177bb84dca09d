using System.Collections.Generic;

namespace AwaitRaceAnalyzer.LostUpdate
{
    /// <summary>
    /// The abstract state at one program point. <see cref="Values"/>: for each live local, parameter or flow capture,
    /// the shared state its value may derive from (join: union). <see cref="Guards"/>: for each branch whose region we
    /// are in, the shared state its condition tested (join: union). <see cref="Held"/>: locks held on every path here
    /// (join: intersection). All three are finite, so the fixed point terminates.
    /// </summary>
    internal sealed class FlowState
    {
        private FlowState(Dictionary<object, SnapshotSet> values, Dictionary<int, SnapshotSet> guards, HashSet<object> held)
        {
            Values = values;
            Guards = guards;
            Held = held;
        }

        public Dictionary<object, SnapshotSet> Values { get; }

        public Dictionary<int, SnapshotSet> Guards { get; }

        public HashSet<object> Held { get; }

        public static FlowState Empty()
            => new FlowState(
                new Dictionary<object, SnapshotSet>(KeyComparer.Instance),
                new Dictionary<int, SnapshotSet>(),
                new HashSet<object>(KeyComparer.Instance));

        public FlowState Clone()
        {
            var values = new Dictionary<object, SnapshotSet>(Values.Count, KeyComparer.Instance);
            foreach (var pair in Values)
            {
                values.Add(pair.Key, pair.Value.Clone());
            }

            var guards = new Dictionary<int, SnapshotSet>(Guards.Count);
            foreach (var pair in Guards)
            {
                guards.Add(pair.Key, pair.Value.Clone());
            }

            return new FlowState(values, guards, new HashSet<object>(Held, KeyComparer.Instance));
        }

        /// <summary>Sets what a variable or capture holds; an empty set removes it (strong update).</summary>
        public void SetValue(object holder, SnapshotSet snapshots)
        {
            if (snapshots.Count == 0)
            {
                Values.Remove(holder);
            }
            else
            {
                Values[holder] = snapshots.Clone();
            }
        }

        /// <summary>Marks every fresh snapshot, in values and guards, as having crossed the suspension point.</summary>
        public void CrossAll(int awaitSite)
        {
            foreach (var snapshots in Values.Values)
            {
                snapshots.CrossAll(awaitSite);
            }

            foreach (var snapshots in Guards.Values)
            {
                snapshots.CrossAll(awaitSite);
            }
        }

        /// <summary>Joins <paramref name="other"/> into this state; returns true when this state changed.</summary>
        public bool JoinWith(FlowState other)
        {
            var changed = JoinMaps(Values, other.Values);
            changed |= JoinMaps(Guards, other.Guards);
            var heldBefore = Held.Count;
            Held.IntersectWith(other.Held);
            return changed | (Held.Count != heldBefore);
        }

        private static bool JoinMaps<TKey>(Dictionary<TKey, SnapshotSet> mine, Dictionary<TKey, SnapshotSet> theirs)
            where TKey : notnull
        {
            var changed = false;
            foreach (var pair in theirs)
            {
                if (mine.TryGetValue(pair.Key, out var existing))
                {
                    changed |= existing.UnionWith(pair.Value);
                }
                else
                {
                    mine.Add(pair.Key, pair.Value.Clone());
                    changed = true;
                }
            }

            return changed;
        }
    }
}
