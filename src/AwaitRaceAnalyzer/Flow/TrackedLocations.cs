using System.Collections.Generic;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// The shared state one body can lose an update of: only locations that overlap something the body writes are
    /// tracked, each under a small integer id.
    /// </summary>
    internal sealed class TrackedLocations
    {
        private readonly HashSet<StateLocation> _written;
        private readonly List<StateLocation> _locations = new List<StateLocation>();
        private readonly Dictionary<StateLocation, int> _ids = new Dictionary<StateLocation, int>();
        private readonly Dictionary<StateLocation, (int Checked, List<int> Ids)> _affected = new Dictionary<StateLocation, (int, List<int>)>();

        private TrackedLocations(HashSet<StateLocation> written)
        {
            _written = written;
        }

        /// <summary>True when the body writes no shared state at all.</summary>
        public bool IsEmpty => _written.Count == 0;

        public StateLocation this[int id] => _locations[id];

        public static TrackedLocations Collect(ControlFlowGraph graph, StateLocationResolver resolver)
        {
            var written = new HashSet<StateLocation>();
            foreach (var operation in graph.AllOperations())
            {
                foreach (var location in WrittenState.Of(operation, resolver))
                {
                    written.Add(location);
                    if (IsKeyedByLoopItem(location))
                    {
                        // _cache[key] in foreach (var key in missing): the items were chosen by tests of other keys.
                        written.Add(location.Container());
                    }
                }
            }

            return new TrackedLocations(written);
        }

        private static bool IsKeyedByLoopItem(StateLocation location)
            => location.ElementKey is ILocalSymbol { DeclaringSyntaxReferences: { Length: 1 } declared }
                && declared[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.ForEachStatementSyntax;

        /// <summary>
        /// The ids of the tracked locations that a write of <paramref name="write"/> can overwrite, kept per written
        /// location and extended as new locations get ids, so a write costs a few lookups, not a scan of every value.
        /// </summary>
        public List<int> AffectedBy(StateLocation write)
        {
            if (!_affected.TryGetValue(write, out var known))
            {
                known = (0, new List<int>());
            }

            if (known.Checked < _locations.Count)
            {
                for (var id = known.Checked; id < _locations.Count; id++)
                {
                    if (_locations[id].IsAffectedBy(write))
                    {
                        known.Ids.Add(id);
                    }
                }

                known = (_locations.Count, known.Ids);
                _affected[write] = known;
            }

            return known.Ids;
        }

        /// <summary>The id of a tracked location, or -1 when the body never writes anything it overlaps.</summary>
        public int IdOf(StateLocation location)
        {
            if (_ids.TryGetValue(location, out var id))
            {
                return id;
            }

            var written = false;
            foreach (var candidate in _written)
            {
                written |= location.IsAffectedBy(candidate);
            }

            id = written ? _locations.Count : -1;
            if (written)
            {
                _locations.Add(location);
            }

            _ids.Add(location, id);
            return id;
        }
    }
}
