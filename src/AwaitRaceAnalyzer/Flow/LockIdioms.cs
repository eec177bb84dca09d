using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.Flow
{
    internal enum LockEffect
    {
        None,
        Acquire,
        Release,
    }

    /// <summary>What one operation does to the set of held locks: take or give back the lock named by <see cref="Key"/>.</summary>
    internal readonly struct LockAction
    {
        public static readonly LockAction None = default;

        public LockAction(LockEffect effect, LockKey key)
        {
            Effect = effect;
            Key = key;
        }

        public LockEffect Effect { get; }

        public LockKey Key { get; }
    }

    /// <summary>
    /// The lock idioms the analysis understands, as a table: each row is a known type, a member, and whether calling
    /// it takes or gives back the lock. A new idiom is a new row. Awaited lock handles are the one idiom named by the
    /// user's options rather than by a type: <c>using (await x.LockAsync())</c> holds the handle until it is disposed.
    /// </summary>
    internal sealed class LockIdioms
    {
        private static readonly Row[] Rows =
        {
            new Row(WellKnownNames.SemaphoreSlim, WellKnownNames.Wait, LockEffect.Acquire),
            new Row(WellKnownNames.SemaphoreSlim, WellKnownNames.WaitAsync, LockEffect.Acquire),
            new Row(WellKnownNames.SemaphoreSlim, WellKnownNames.Release, LockEffect.Release),
        };

        private readonly KnownSymbols _known;
        private readonly AnalysisOptions _options;
        private readonly StateLocationResolver _resolver;

        public LockIdioms(KnownSymbols known, AnalysisOptions options, StateLocationResolver resolver)
        {
            _known = known;
            _options = options;
            _resolver = resolver;
        }

        /// <summary>A call on a known lock type (a row of the table), or the disposal of a variable that may hold a lock handle.</summary>
        public LockAction Classify(IInvocationOperation invocation)
        {
            if (invocation.Instance is not { } receiver)
            {
                return LockAction.None;
            }

            var name = invocation.TargetMethod.Name;
            foreach (var row in Rows)
            {
                if (row.Method == name && KnownSymbols.Is(receiver.Type, _known.ByMetadataName(row.Type))
                    && _resolver.ResolveLockObject(receiver) is { } lockObject)
                {
                    return new LockAction(row.Effect, LockKey.Object(lockObject));
                }
            }

            if (name is WellKnownNames.Dispose or WellKnownNames.DisposeAsync && VariableKey.Of(receiver.WithoutConversions()) is { } handle)
            {
                return new LockAction(LockEffect.Release, LockKey.Handle(handle));
            }

            return LockAction.None;
        }

        /// <summary>True for <c>await x.LockAsync()</c>-style values: an awaited call of a lock method that returns a disposable handle.</summary>
        public bool IsHandleAcquisition(IOperation value)
        {
            if (value.WithoutConversions() is not IAwaitOperation await)
            {
                return false;
            }

            var awaited = await.Operation.WithoutConversions();
            if (awaited is IInvocationOperation { TargetMethod.Name: WellKnownNames.ConfigureAwait, Instance: { } configured })
            {
                awaited = configured.WithoutConversions();
            }

            return awaited is IInvocationOperation call
                && _options.IsLockMethod(call.TargetMethod)
                && (KnownSymbols.Implements(await.Type, _known.Disposable) || KnownSymbols.Implements(await.Type, _known.AsyncDisposable));
        }

        private readonly struct Row
        {
            public Row(string type, string method, LockEffect effect)
            {
                Type = type;
                Method = method;
                Effect = effect;
            }

            public string Type { get; }

            public string Method { get; }

            public LockEffect Effect { get; }
        }
    }
}
