using System.Collections.Generic;

namespace AwaitRaceAnalyzer.LostUpdate
{
    /// <summary>
    /// The abstract state at one program point. <see cref="Values"/>: for each local, parameter or flow capture, the
    /// snapshots its value may derive from (join: union). <see cref="Guards"/>: snapshots tested by branches on some
    /// path here (join: union). <see cref="Held"/>: locks held on every path here (join: intersection). All three are
    /// finite, so the fixed point terminates.
    /// </summary>
    internal sealed class FlowState
    {
        private FlowState(Dictionary<object, HashSet<Snapshot>> values, HashSet<Guard> guards, HashSet<object> held)
        {
            Values = values;
            Guards = guards;
            Held = held;
        }

        public Dictionary<object, HashSet<Snapshot>> Values { get; }

        public HashSet<Guard> Guards { get; }

        public HashSet<object> Held { get; }

        public static FlowState Empty()
            => new FlowState(
                new Dictionary<object, HashSet<Snapshot>>(KeyComparer.Instance),
                new HashSet<Guard>(),
                new HashSet<object>(KeyComparer.Instance));

        public FlowState Clone()
        {
            var values = new Dictionary<object, HashSet<Snapshot>>(Values.Count, KeyComparer.Instance);
            foreach (var pair in Values)
            {
                values.Add(pair.Key, new HashSet<Snapshot>(pair.Value));
            }

            return new FlowState(values, new HashSet<Guard>(Guards), new HashSet<object>(Held, KeyComparer.Instance));
        }

        /// <summary>Sets what a variable or capture holds; an empty set removes it (strong update).</summary>
        public void SetValue(object holder, HashSet<Snapshot> snapshots)
        {
            if (snapshots.Count == 0)
            {
                Values.Remove(holder);
            }
            else
            {
                Values[holder] = new HashSet<Snapshot>(snapshots);
            }
        }

        /// <summary>Marks every fresh snapshot as having crossed the suspension point <paramref name="awaitSite"/>.</summary>
        public void CrossAll(int awaitSite)
        {
            foreach (var snapshots in Values.Values)
            {
                Cross(snapshots, awaitSite);
            }

            if (Guards.Count > 0)
            {
                var crossed = new List<Guard>(Guards.Count);
                foreach (var guard in Guards)
                {
                    crossed.Add(guard.CrossedBy(awaitSite));
                }

                Guards.Clear();
                Guards.UnionWith(crossed);
            }
        }

        /// <summary>Crosses a set in place (also used for operands evaluated before an await in the same expression).</summary>
        public static void Cross(HashSet<Snapshot> snapshots, int awaitSite)
        {
            if (snapshots.Count == 0)
            {
                return;
            }

            var fresh = false;
            foreach (var snapshot in snapshots)
            {
                fresh |= !snapshot.IsStale;
            }

            if (!fresh)
            {
                return;
            }

            var crossed = new List<Snapshot>(snapshots.Count);
            foreach (var snapshot in snapshots)
            {
                crossed.Add(snapshot.CrossedBy(awaitSite));
            }

            snapshots.Clear();
            snapshots.UnionWith(crossed);
        }

        /// <summary>Joins <paramref name="other"/> into this state; returns true when this state changed.</summary>
        public bool JoinWith(FlowState other)
        {
            var changed = false;
            foreach (var pair in other.Values)
            {
                if (Values.TryGetValue(pair.Key, out var mine))
                {
                    var before = mine.Count;
                    mine.UnionWith(pair.Value);
                    changed |= mine.Count != before;
                }
                else
                {
                    Values.Add(pair.Key, new HashSet<Snapshot>(pair.Value));
                    changed = true;
                }
            }

            var guardsBefore = Guards.Count;
            Guards.UnionWith(other.Guards);
            changed |= Guards.Count != guardsBefore;

            var heldBefore = Held.Count;
            Held.IntersectWith(other.Held);
            changed |= Held.Count != heldBefore;
            return changed;
        }
    }
}
