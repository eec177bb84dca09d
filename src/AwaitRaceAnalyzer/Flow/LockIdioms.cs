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

            // lock (x) { … }: Monitor.Enter(x, ref taken) … finally Monitor.Exit(x); the lock object is the first argument.
            new Row(WellKnownNames.Monitor, WellKnownNames.Enter, LockEffect.Acquire, lockIsFirstArgument: true),
            new Row(WellKnownNames.Monitor, WellKnownNames.Exit, LockEffect.Release, lockIsFirstArgument: true),
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
            var name = invocation.TargetMethod.Name;
            foreach (var row in Rows)
            {
                if (row.Method != name)
                {
                    continue;
                }

                var lockOperand = row.LockIsFirstArgument
                    ? (invocation.Arguments.Length > 0 && KnownSymbols.Is(invocation.TargetMethod.ContainingType, _known.ByMetadataName(row.Type)) ? invocation.Arguments[0].Value : null)
                    : (invocation.Instance is { } instance && KnownSymbols.Is(instance.Type, _known.ByMetadataName(row.Type)) ? instance : null);
                if (lockOperand is not null && _resolver.ResolveLockObject(lockOperand) is { } lockObject)
                {
                    return new LockAction(row.Effect, LockKey.Object(lockObject));
                }
            }

            if (invocation.Instance is not { } receiver)
            {
                return LockAction.None;
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

            return await.AwaitedOperation() is IInvocationOperation call
                && _options.IsLockMethod(call.TargetMethod)
                && (KnownSymbols.Implements(await.Type, _known.Disposable) || KnownSymbols.Implements(await.Type, _known.AsyncDisposable));
        }

        /// <summary>
        /// A one-shot gate: a branch on the result of an atomic <c>Interlocked</c> update of a flag
        /// (<c>Exchange(ref f, 1) == 0</c>, <c>CompareExchange(ref f, 1, 0) != 0</c>, <c>Increment(ref f) == 1</c>).
        /// Only one task ever takes the winning outcome, so code reached only through it holds the flag like a lock
        /// that is never released. Returns the flag's key (null for any other branch) and the branch outcome (true or false) that wins.
        /// </summary>
        public LockKey? OneShotGate(IOperation condition, out bool winsWhen)
        {
            winsWhen = false;
            if (condition.WithoutConversions() is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison)
            {
                return null;
            }

            var (call, compared) = comparison.LeftOperand.WithoutConversions() is IInvocationOperation left
                ? (left, comparison.RightOperand)
                : (comparison.RightOperand.WithoutConversions() as IInvocationOperation, comparison.LeftOperand);
            if (call is null || !KnownSymbols.Is(call.TargetMethod.ContainingType, _known.Interlocked)
                || call.Arguments.Length == 0 || !compared.ConstantValue.HasValue
                || _resolver.ResolveLockObject(call.Arguments[0].Value) is not { } flag)
            {
                return null;
            }

            var value = compared.ConstantValue.Value;
            bool equalMeansWon;
            switch (call.TargetMethod.Name)
            {
                case WellKnownNames.Exchange when call.Arguments.Length == 2 && Constant(call, 1) is { } newValue:
                    // Old value other than the new one: this call made the change (Exchange(ref f, 1) == 0 wins);
                    // old value equal to the new one: someone else already had (Exchange(ref f, 1) == 1 loses).
                    equalMeansWon = !Equals(newValue, value);
                    break;
                case WellKnownNames.CompareExchange when call.Arguments.Length == 3 && Constant(call, 2) is { } comparand && Constant(call, 1) is { } replacement && !Equals(comparand, replacement):
                    if (Equals(comparand, value))
                    {
                        equalMeansWon = true;
                    }
                    else if (Equals(replacement, value))
                    {
                        equalMeansWon = false;
                    }
                    else
                    {
                        return null;
                    }

                    break;
                case WellKnownNames.Increment when call.Arguments.Length == 1 && (Equals(value, 1) || Equals(value, 1L)):
                    equalMeansWon = true;
                    break;
                default:
                    return null;
            }

            winsWhen = comparison.OperatorKind == BinaryOperatorKind.Equals ? equalMeansWon : !equalMeansWon;
            return LockKey.Object(flag);
        }

        private static object? Constant(IInvocationOperation call, int argument)
            => call.Arguments[argument].Value.ConstantValue is { HasValue: true } constant ? constant.Value : null;

        private readonly struct Row
        {
            public Row(string type, string method, LockEffect effect, bool lockIsFirstArgument = false)
            {
                Type = type;
                Method = method;
                Effect = effect;
                LockIsFirstArgument = lockIsFirstArgument;
            }

            public string Type { get; }

            public string Method { get; }

            public LockEffect Effect { get; }

            /// <summary>True when the lock is the call's first argument (static <c>Monitor</c> calls), not its receiver.</summary>
            public bool LockIsFirstArgument { get; }
        }
    }
}
