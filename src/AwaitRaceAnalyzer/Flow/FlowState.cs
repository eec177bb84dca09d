using System.Collections.Generic;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// The abstract state at one program point. <see cref="Values"/>: for each live local, parameter or flow capture,
    /// the shared state its value may derive from (join: union). <see cref="Guards"/>: for each branch whose region we
    /// are in, the shared state its condition tested (join: union). <see cref="Held"/>: locks held on every path here
    /// (join: intersection). All three are finite, so the fixed point terminates.
    /// </summary>
    internal sealed class FlowState
    {
        private FlowState(Dictionary<VariableKey, SnapshotSet> values, Dictionary<int, SnapshotSet> guards, HashSet<HeldLock> held)
        {
            Values = values;
            Guards = guards;
            Held = held;
        }

        public Dictionary<VariableKey, SnapshotSet> Values { get; }

        /// <summary>Keyed by the ordinal of the block whose branch made the test.</summary>
        public Dictionary<int, SnapshotSet> Guards { get; }

        public HashSet<HeldLock> Held { get; }

        public static FlowState Empty()
            => new FlowState(new Dictionary<VariableKey, SnapshotSet>(), new Dictionary<int, SnapshotSet>(), new HashSet<HeldLock>());

        public FlowState Clone()
        {
            var values = new Dictionary<VariableKey, SnapshotSet>(Values.Count);
            foreach (var pair in Values)
            {
                values.Add(pair.Key, pair.Value.Clone());
            }

            var guards = new Dictionary<int, SnapshotSet>(Guards.Count);
            foreach (var pair in Guards)
            {
                guards.Add(pair.Key, pair.Value.Clone());
            }

            return new FlowState(values, guards, new HashSet<HeldLock>(Held));
        }

        /// <summary>Sets what a variable or capture holds; an empty set removes it (strong update).</summary>
        public void SetValue(VariableKey variable, SnapshotSet snapshots)
        {
            if (snapshots.Count == 0)
            {
                Values.Remove(variable);
            }
            else
            {
                Values[variable] = snapshots.Clone();
            }
        }

        public void Acquire(LockKey key, int acquisitionSite) => Held.Add(new HeldLock(key, acquisitionSite));

        /// <summary>Gives back every hold of <paramref name="key"/>.</summary>
        public void Release(LockKey key) => Held.RemoveWhere(held => held.Key.Equals(key));

        public void ReleaseAll(HashSet<LockKey> keys)
        {
            if (keys.Count > 0 && Held.Count > 0)
            {
                Held.RemoveWhere(held => keys.Contains(held.Key));
            }
        }

        /// <summary>Marks every fresh snapshot, in values and guards, as having crossed the suspension point.</summary>
        public void CrossAll(int suspensionSite)
        {
            foreach (var snapshots in Values.Values)
            {
                snapshots.CrossAll(suspensionSite);
            }

            foreach (var snapshots in Guards.Values)
            {
                snapshots.CrossAll(suspensionSite);
            }
        }

        /// <summary>Joins <paramref name="other"/> into this state; returns true when this state changed.</summary>
        public bool JoinWith(FlowState other)
        {
            var changed = JoinMaps(Values, other.Values);
            changed |= JoinMaps(Guards, other.Guards);
            return changed | HeldLock.JoinInto(Held, other.Held);
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
