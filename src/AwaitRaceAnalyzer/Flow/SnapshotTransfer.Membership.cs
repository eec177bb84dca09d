using System.Collections.Generic;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// A test carried in a private collection: <c>if (!_cache.ContainsKey(key)) missing.Add(key);</c> records the
    /// test's outcome in <c>missing</c>, and <c>foreach (var key in missing)</c> later acts on it as surely as the
    /// <c>if</c> would. The tests in force at the add (every element, not one key: the items are keyed by the loop's
    /// own variable) become the membership of the collection, which an enumeration of it tests again.
    /// </summary>
    internal sealed partial class SnapshotTransfer
    {
        /// <summary>Calls that put an item into a collection.</summary>
        private static readonly HashSet<string> AddingMethods = new HashSet<string>
        {
            "Add", "Insert", "Push", "Enqueue", "TryAdd", "AddLast", "AddFirst",
        };

        /// <summary>
        /// <c>missing.Add(key)</c> on a private collection: its membership now records the tests that decide this
        /// point. <c>missing.GetEnumerator()</c>, <c>enumerator.MoveNext()</c>: the enumeration tests that membership
        /// again (the loop runs for the items those tests chose).
        /// </summary>
        private void CarryMembership(IInvocationOperation invocation, SnapshotSet result)
        {
            if (invocation.Instance is null || VariableKey.Of(invocation.Instance.WithoutConversions()) is not { } collection)
            {
                return;
            }

            var name = invocation.TargetMethod.Name;
            if (name == WellKnownNames.MoveNext)
            {
                if (_state.Values.TryGetValue(collection.Members, out var chosenBy))
                {
                    result.UnionWith(chosenBy);
                }

                return;
            }

            if (!AddingMethods.Contains(name) || _state.Guards.Count == 0)
            {
                return;
            }

            var membership = ValueOf(collection.Members);
            foreach (var tested in _state.Guards.Values)
            {
                foreach (var pair in tested.Entries)
                {
                    if (_locations.IdOf(_locations[pair.Key].Container()) is var container && container >= 0)
                    {
                        membership.Add(container, pair.Value);
                    }
                }
            }

            _state.SetValue(collection.Members, membership);
        }

        /// <summary>The enumerator of a private collection (a <c>foreach</c>'s capture) carries the collection's membership.</summary>
        private void CaptureEnumerator(IOperation value, VariableKey capture)
        {
            if (value.WithoutConversions() is IInvocationOperation { TargetMethod.Name: WellKnownNames.GetEnumerator, Instance: { } instance }
                && VariableKey.Of(instance.WithoutConversions()) is { } collection
                && _state.Values.TryGetValue(collection.Members, out var chosenBy))
            {
                _state.SetValue(capture.Members, chosenBy);
            }
        }
    }
}
