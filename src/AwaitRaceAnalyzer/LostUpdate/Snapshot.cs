using System;

namespace AwaitRaceAnalyzer.LostUpdate
{
    /// <summary>
    /// A value that came from one read of shared state (<see cref="ReadSite"/>), and the first suspension point it
    /// has crossed since (<see cref="AwaitSite"/>, -1 while it is still fresh).
    /// </summary>
    internal readonly struct Snapshot : IEquatable<Snapshot>, IComparable<Snapshot>
    {
        public Snapshot(int readSite, int awaitSite)
        {
            ReadSite = readSite;
            AwaitSite = awaitSite;
        }

        public int ReadSite { get; }

        public int AwaitSite { get; }

        public bool IsStale => AwaitSite >= 0;

        public static Snapshot Fresh(int readSite) => new Snapshot(readSite, -1);

        public Snapshot CrossedBy(int awaitSite) => IsStale ? this : new Snapshot(ReadSite, awaitSite);

        public bool Equals(Snapshot other) => ReadSite == other.ReadSite && AwaitSite == other.AwaitSite;

        public override bool Equals(object? obj) => obj is Snapshot other && Equals(other);

        public override int GetHashCode() => (ReadSite * 65599) ^ AwaitSite;

        public int CompareTo(Snapshot other)
            => ReadSite != other.ReadSite ? ReadSite.CompareTo(other.ReadSite) : AwaitSite.CompareTo(other.AwaitSite);
    }

    /// <summary>A snapshot tested by the conditional branch that ends block <see cref="BranchBlock"/>.</summary>
    internal readonly struct Guard : IEquatable<Guard>
    {
        public Guard(int branchBlock, Snapshot snapshot)
        {
            BranchBlock = branchBlock;
            Snapshot = snapshot;
        }

        public int BranchBlock { get; }

        public Snapshot Snapshot { get; }

        public Guard CrossedBy(int awaitSite) => new Guard(BranchBlock, Snapshot.CrossedBy(awaitSite));

        public bool Equals(Guard other) => BranchBlock == other.BranchBlock && Snapshot.Equals(other.Snapshot);

        public override bool Equals(object? obj) => obj is Guard other && Equals(other);

        public override int GetHashCode() => (BranchBlock * 31) ^ Snapshot.GetHashCode();
    }
}
