using System;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>A private variable whose value the flow tracks: a local, a parameter or a flow capture.</summary>
    internal readonly struct VariableKey : IEquatable<VariableKey>
    {
        private readonly ISymbol? _symbol;
        private readonly CaptureId _capture;
        private readonly KeyRole _role;

        private VariableKey(ISymbol? symbol, CaptureId capture, KeyRole role = KeyRole.Value)
        {
            _symbol = symbol;
            _capture = capture;
            _role = role;
        }

        /// <summary>What the flow keeps under a key: a variable's value, what a private collection's items were chosen by, or what decided the last wait.</summary>
        private enum KeyRole : byte
        {
            Value,
            Members,
            WaitDecision,
        }

        /// <summary>The local or parameter; null for a flow capture.</summary>
        public ISymbol? Symbol => _symbol;

        public static VariableKey Of(ISymbol variable) => new VariableKey(variable, default);

        public static VariableKey Of(CaptureId capture) => new VariableKey(null, capture);

        /// <summary>
        /// What the items of a private collection were chosen by (<c>missing.Add(key)</c> under a test of
        /// <c>_cache</c>): the tests its membership records, kept apart from the collection's own value.
        /// </summary>
        public VariableKey Members => new VariableKey(_symbol, _capture, KeyRole.Members);

        public bool IsMembers => _role == KeyRole.Members;

        /// <summary>
        /// What decided the last wait (<c>await Task.Delay(…)</c>): the state its duration was computed from and the
        /// tests that chose to wait. Not a variable of the code, so no liveness or region ends it.
        /// </summary>
        public static VariableKey WaitDecision { get; } = new VariableKey(null, default, KeyRole.WaitDecision);

        /// <summary>The variable an operation names (a declaration, a local, parameter or capture reference), if any.</summary>
        public static VariableKey? Of(IOperation operation)
            => operation switch
            {
                IDeclarationExpressionOperation declaration => Of(declaration.Expression),
                ILocalReferenceOperation local => Of(local.Local),
                IParameterReferenceOperation parameter => Of(parameter.Parameter),
                IFlowCaptureReferenceOperation capture => Of(capture.Id),
                _ => null,
            };

        public bool Equals(VariableKey other)
            => _role == other._role
                && (_symbol is null
                    ? other._symbol is null && _capture.Equals(other._capture)
                    : SymbolEqualityComparer.Default.Equals(_symbol, other._symbol));

        public override bool Equals(object? obj) => obj is VariableKey other && Equals(other);

        public override int GetHashCode()
            => (_symbol is null ? _capture.GetHashCode() : SymbolEqualityComparer.Default.GetHashCode(_symbol)) ^ ((int)_role * 0x5bd1e995);
    }

    /// <summary>
    /// A lock the flow knows to be held: a lock object named by its access path (a <c>SemaphoreSlim</c> field), or a
    /// variable holding an awaited lock handle (<c>using (await _mutex.LockAsync())</c>).
    /// </summary>
    internal sealed class LockKey : IEquatable<LockKey>
    {
        private readonly StateLocation? _lockObject;
        private readonly VariableKey _handle;

        private LockKey(StateLocation? lockObject, VariableKey handle)
        {
            _lockObject = lockObject;
            _handle = handle;
        }

        public static LockKey Object(StateLocation lockObject) => new LockKey(lockObject, default);

        public static LockKey Handle(VariableKey handle) => new LockKey(null, handle);

        public bool Equals(LockKey? other)
            => other is not null
                && (_lockObject is null
                    ? other._lockObject is null && _handle.Equals(other._handle)
                    : _lockObject.Equals(other._lockObject));

        public override bool Equals(object? obj) => obj is LockKey other && Equals(other);

        public override int GetHashCode() => _lockObject?.GetHashCode() ?? _handle.GetHashCode();
    }
}

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// One acquisition of a lock: the lock and the site that took it. Two acquisitions of the same lock at different
    /// sites are different holds, so a lock released and taken again between a read and a write does not protect it.
    /// </summary>
    internal sealed class HeldLock : IEquatable<HeldLock>
    {
        public HeldLock(LockKey key, int acquisitionSite)
        {
            Key = key;
            AcquisitionSite = acquisitionSite;
        }

        public LockKey Key { get; }

        public int AcquisitionSite { get; }

        public bool Equals(HeldLock? other) => other is not null && AcquisitionSite == other.AcquisitionSite && Key.Equals(other.Key);

        /// <summary>
        /// Keeps in <paramref name="target"/> the locks held on both sides; true when it changed. A lock taken at
        /// different sites on the two paths (<c>async ? await gate.WaitAsync() : gate.Wait()</c>) is still one hold
        /// after the join; it takes the lower site number, so the join is deterministic and a later acquisition
        /// elsewhere stays a different hold.
        /// </summary>
        public static bool JoinInto(System.Collections.Generic.HashSet<HeldLock> target, System.Collections.Generic.HashSet<HeldLock> other)
        {
            if (target.SetEquals(other))
            {
                return false;
            }

            var joined = new System.Collections.Generic.HashSet<HeldLock>();
            foreach (var mine in target)
            {
                if (other.Contains(mine))
                {
                    joined.Add(mine);
                    continue;
                }

                foreach (var theirs in other)
                {
                    if (theirs.Key.Equals(mine.Key))
                    {
                        joined.Add(new HeldLock(mine.Key, System.Math.Min(mine.AcquisitionSite, theirs.AcquisitionSite)));
                        break;
                    }
                }
            }

            if (joined.SetEquals(target))
            {
                return false;
            }

            target.Clear();
            target.UnionWith(joined);
            return true;
        }

        public override bool Equals(object? obj) => obj is HeldLock other && Equals(other);

        public override int GetHashCode() => (Key.GetHashCode() * 397) ^ AcquisitionSite;
    }
}
