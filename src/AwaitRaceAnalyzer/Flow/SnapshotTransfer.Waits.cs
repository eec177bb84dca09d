using System.Collections.Generic;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// A throttle: <c>if (_clock.ElapsedMilliseconds &lt; interval) await Task.Delay(interval - _clock.ElapsedMilliseconds);
    /// _clock.Restart();</c>. The wait was decided from the state (its duration computed from it, or a test of it chose
    /// to wait), so the write that follows the wait takes a slot that other tasks, waiting on the same stale reading,
    /// take too: each overwrites the other's reservation and both go ahead. The write is a lost update of what decided
    /// the wait. A write that builds on the state as it is after the wait (<c>_delay *= 2</c>) is not.
    /// </summary>
    internal sealed partial class SnapshotTransfer
    {
        /// <summary>
        /// At <c>await Task.Delay(…)</c>: the state read fresh and as it is (not through a call) that decided the wait,
        /// in the tests in force or in a local that holds the duration, before the wait makes it stale.
        /// </summary>
        private void RecordWaitDecision(IAwaitOperation await)
        {
            if (SuspensionPoints.DelayOf(await) is not { } delay)
            {
                return;
            }

            var decision = new SnapshotSet();
            foreach (var tested in _state.Guards.Values)
            {
                AddFreshReadings(decision, tested);
            }

            foreach (var argument in delay.Arguments)
            {
                if (VariableKey.Of(argument.Value.WithoutConversions()) is { } duration && _state.Values.TryGetValue(duration, out var computedFrom))
                {
                    AddFreshReadings(decision, computedFrom);
                }
            }

            // A decision, not a copy: a re-read of the state after the wait (_last = _last + interval) builds on it.
            decision.MarkComputedByCall();
            _state.SetValue(VariableKey.WaitDecision, decision);
        }

        private static void AddFreshReadings(SnapshotSet into, SnapshotSet value)
        {
            foreach (var pair in value.Entries)
            {
                if (pair.Value.IsFresh && pair.Value.FreshDirect)
                {
                    into.AddFresh(pair.Key, pair.Value.FreshRead);
                }
            }
        }

        /// <summary>A test of the state after the wait decides afresh (<c>while (_busy) await Task.Delay(10); _busy = true;</c>).</summary>
        private void DecideAgain(SnapshotSet tested)
        {
            if (!_state.Values.TryGetValue(VariableKey.WaitDecision, out var decision) || decision.Count == 0)
            {
                return;
            }

            List<int>? retested = null;
            foreach (var pair in tested.Entries)
            {
                if (pair.Value.IsFresh && decision.Contains(pair.Key))
                {
                    (retested ??= new List<int>()).Add(pair.Key);
                }
            }

            if (retested is not null)
            {
                ForgetWaitDecision(retested);
            }
        }

        /// <summary>
        /// The value of a plain write, with what decided an earlier wait: the write takes the slot that wait was for.
        /// Not a test that still decides the write (<c>if (!_open) { await Task.Delay(10); _open = true; }</c>): that
        /// is a check-then-act.
        /// </summary>
        private SnapshotSet WithWaitDecision(SnapshotSet value, UpdateKind updateKind, List<int> affected)
        {
            if (updateKind == UpdateKind.Compound || affected.Count == 0
                || !_state.Values.TryGetValue(VariableKey.WaitDecision, out var decision) || decision.Count == 0)
            {
                return value;
            }

            SnapshotSet? combined = null;
            foreach (var pair in decision.Entries)
            {
                if (affected.Contains(pair.Key) && !TestedByAGuardInForce(pair.Key))
                {
                    (combined ??= value.Clone()).Add(pair.Key, pair.Value);
                }
            }

            // The same set when no wait decided this write: the caller tells the two apart by reference.
            return combined ?? value;
        }

        /// <summary>A test of the state that still decides the write: a check-then-act, which AWR002 judges.</summary>
        private bool TestedByAGuardInForce(int location)
        {
            foreach (var tested in _state.Guards.Values)
            {
                if (tested.Contains(location))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Drops <paramref name="locations"/> from the decision: once written, the state's slot is taken (later writes
        /// build on this one, not on the wait); once tested again, the state decides afresh.
        /// </summary>
        private void ForgetWaitDecision(List<int> affected)
        {
            if (_state.Values.TryGetValue(VariableKey.WaitDecision, out var decision) && decision.Count > 0)
            {
                var remaining = decision.Clone();
                remaining.Remove(affected);
                _state.SetValue(VariableKey.WaitDecision, remaining);
            }
        }
    }
}
