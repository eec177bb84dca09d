using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// Numbers the read sites and suspension points of one body, so snapshots hold small integers, and remembers for
    /// each read the locks held on every path that reaches it.
    /// </summary>
    internal sealed class SiteTable
    {
        private readonly List<ReadSite> _reads = new List<ReadSite>();
        private readonly Dictionary<IOperation, int> _readIndex = new Dictionary<IOperation, int>();
        private readonly List<IOperation> _suspensions = new List<IOperation>();
        private readonly Dictionary<IOperation, int> _suspensionIndex = new Dictionary<IOperation, int>();
        private readonly List<IOperation> _acquisitions = new List<IOperation>();
        private readonly Dictionary<IOperation, int> _acquisitionIndex = new Dictionary<IOperation, int>();

        public ReadSite Read(int site) => _reads[site];

        public IOperation Suspension(int site) => _suspensions[site];

        public IOperation Acquisition(int site) => _acquisitions[site];

        /// <summary>The number of a read of tracked location <paramref name="location"/>, noting the locks <paramref name="held"/> there.</summary>
        public int ReadSiteOf(IOperation operation, int location, HashSet<HeldLock> held)
        {
            if (!_readIndex.TryGetValue(operation, out var index))
            {
                index = _reads.Count;
                _reads.Add(new ReadSite(operation, location));
                _readIndex.Add(operation, index);
            }

            // Held sets only shrink as the fixed point is approached, so the running intersection is the final one.
            var site = _reads[index];
            if (site.HeldAtRead is null)
            {
                site.HeldAtRead = new HashSet<HeldLock>(held);
            }
            else
            {
                HeldLock.JoinInto(site.HeldAtRead, held);
            }

            return index;
        }

        /// <summary>The number of the operation that takes a lock.</summary>
        public int AcquisitionSiteOf(IOperation acquisition)
        {
            if (!_acquisitionIndex.TryGetValue(acquisition, out var index))
            {
                index = _acquisitions.Count;
                _acquisitions.Add(acquisition);
                _acquisitionIndex.Add(acquisition, index);
            }

            return index;
        }

        public int SuspensionSiteOf(IOperation suspension)
        {
            if (!_suspensionIndex.TryGetValue(suspension, out var index))
            {
                index = _suspensions.Count;
                _suspensions.Add(suspension);
                _suspensionIndex.Add(suspension, index);
            }

            return index;
        }
    }

    /// <summary>One read of tracked shared state.</summary>
    internal sealed class ReadSite
    {
        public ReadSite(IOperation operation, int location)
        {
            Operation = operation;
            Location = location;
        }

        public IOperation Operation { get; }

        /// <summary>The id of the tracked location read (see <see cref="TrackedLocations"/>).</summary>
        public int Location { get; }

        /// <summary>Locks held on every path reaching the read.</summary>
        public HashSet<HeldLock>? HeldAtRead { get; set; }
    }
}
