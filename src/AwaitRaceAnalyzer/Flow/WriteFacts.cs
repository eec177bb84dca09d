using System.Collections.Generic;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>How a write relates to the value it stores.</summary>
    internal enum UpdateKind
    {
        /// <summary>A plain assignment of a value derived from an earlier read (<c>x = c + 1</c>).</summary>
        Assignment,

        /// <summary>A compound assignment, increment or decrement (<c>x += v</c>, <c>x++</c>).</summary>
        Compound,

        /// <summary>A mutating call on a shared collection (<c>Add</c>, <c>TryAdd</c>, ...).</summary>
        CollectionCall,

        /// <summary>What a helper of the type stores after its own await (<c>await ConnectAsync()</c>): a value it loaded.</summary>
        HelperFill,
    }

    /// <summary>One test that decides whether a write runs: the block of the branch and the state its condition read.</summary>
    internal readonly struct Guard
    {
        public Guard(int branch, SnapshotSet tested)
        {
            Branch = branch;
            Tested = tested;
        }

        public int Branch { get; }

        public SnapshotSet Tested { get; }
    }

    /// <summary>Receives the flow facts at every write of tracked shared state during the reporting pass.</summary>
    internal interface IWriteObserver
    {
        void OnWrite(in WriteFacts facts);
    }

    /// <summary>
    /// What the flow knows at one write of shared state, at the fixed point: the state written, the snapshots the
    /// stored value derives from, the tests of the branches the write is in, and the locks held.
    /// </summary>
    internal readonly struct WriteFacts
    {
        private readonly FlowState _state;
        private readonly int _block;
        private readonly ControlDependence _dependence;
        private readonly TrackedLocations _locations;
        private readonly SiteTable _sites;

        public WriteFacts(StateLocation location, SnapshotSet value, IOperation write, UpdateKind updateKind, FlowState state, int block, ControlDependence dependence, TrackedLocations locations, SiteTable sites, bool waitDecided = false)
        {
            WaitDecided = waitDecided;
            _block = block;
            _dependence = dependence;
            Location = location;
            Value = value;
            Write = write;
            UpdateKind = updateKind;
            _state = state;
            _locations = locations;
            _sites = sites;
        }

        public StateLocation Location { get; }

        /// <summary>The snapshots the stored value may derive from.</summary>
        public SnapshotSet Value { get; }

        public IOperation Write { get; }

        public UpdateKind UpdateKind { get; }

        /// <summary>The value includes what decided an earlier wait (<c>await Task.Delay(…)</c>): the write takes the slot it waited for.</summary>
        public bool WaitDecided { get; }

        /// <summary>For each branch that decides whether the write runs, the state its condition tested.</summary>
        public IEnumerable<Guard> Guards
        {
            get
            {
                foreach (var guard in _state.Guards)
                {
                    if (_dependence.Decides(guard.Key, _block))
                    {
                        yield return new Guard(guard.Key, guard.Value);
                    }
                }
            }
        }

        /// <summary>The block whose branch made a test.</summary>
        public BasicBlock BranchBlock(int branch) => _dependence.Graph.Blocks[branch];

        /// <summary>True when the write runs after <paramref name="branch"/> took its conditional successor, false after its fall-through, null when unknown.</summary>
        public bool? RunsThroughConditional(int branch) => _dependence.ReachedThroughConditional(branch, _block);

        /// <summary>The edge of <paramref name="branch"/> that does not lead to the write (the test's other outcome); null when unknown.</summary>
        public ControlFlowBranch? OtherOutcome(int branch)
        {
            if (RunsThroughConditional(branch) is not { } viaConditional)
            {
                return null;
            }

            var block = BranchBlock(branch);
            return viaConditional ? block.FallThroughSuccessor : block.ConditionalSuccessor;
        }

        /// <summary>The block where the region of <paramref name="branch"/> ends (-1 for none).</summary>
        public int RegionEndOf(int branch) => _dependence.RegionEndOf(branch);

        /// <summary>True when some lock is held on every path to the write.</summary>
        public bool IsLockHeldHere => _state.Held.Count > 0;

        /// <summary>True when some lock was held on every path to the read.</summary>
        public bool WasLockedAtRead(int readSite) => _sites.Read(readSite).HeldAtRead is { Count: > 0 };

        /// <summary>True when the write can overwrite what a read of tracked location <paramref name="locationId"/> saw.</summary>
        public bool Overlaps(int locationId) => _locations[locationId].IsAffectedBy(Location);

        public IOperation ReadAt(int readSite) => _sites.Read(readSite).Operation;

        public IOperation SuspensionAt(int suspensionSite) => _sites.Suspension(suspensionSite);

        /// <summary>
        /// True for a stale read of state that this body itself wrote after the read and before the suspension
        /// (save, override, await, restore): writing the saved value back undoes the body's own change.
        /// </summary>
        public static bool RestoresOwnOverride(SnapshotEntry entry) => entry.StaleOverridden;

        /// <summary>
        /// True when a lock held on every path here was taken by suspension point <paramref name="suspensionSite"/>
        /// itself (<c>await _gate.WaitAsync()</c>): everything from that await to the write runs under it.
        /// </summary>
        public bool HeldSinceSuspension(int suspensionSite)
        {
            var span = _sites.Suspension(suspensionSite).Syntax.Span;
            foreach (var held in _state.Held)
            {
                // The acquisition is the awaited call itself, or the using or declaration around that await.
                var acquired = _sites.Acquisition(held.AcquisitionSite).Syntax.Span;
                if (span.Contains(acquired) || acquired.Contains(span))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when a lock held where the value was read is still held here.</summary>
        public bool HeldSinceRead(int readSite)
        {
            var atRead = _sites.Read(readSite).HeldAtRead;
            if (atRead is null || atRead.Count == 0 || _state.Held.Count == 0)
            {
                return false;
            }

            foreach (var key in atRead)
            {
                if (_state.Held.Contains(key))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
