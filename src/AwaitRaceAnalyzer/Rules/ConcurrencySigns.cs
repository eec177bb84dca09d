using System.Collections.Generic;
using AwaitRaceAnalyzer.Flow;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// The confidence model of the check-then-act rule (after RacerD, which reports only where the code shows that
    /// concurrency is intended): a check-then-act is a warning (AWR002) only where the code shows a sign that
    /// concurrent callers are expected, and advisory (AWR102) elsewhere. The signs, cheapest first:
    /// <list type="bullet">
    /// <item>the state is static (shared by every instance), or a variable captured by a lambda or local function;</item>
    /// <item>a lock is held at the test or at the write (released across the await);</item>
    /// <item>a once-guard: the test's other outcome throws or returns false (a second caller was meant to fail);</item>
    /// <item>an async lazy initialisation whose state another member writes, clears or removes (an invalidation), or
    /// whose value is disposable (a racer's instance leaks: a defect whatever the type's intent), or whose duplicate
    /// does harm (<see cref="HarmfulFills"/>: a shared plain collection corrupted, a second listener or connection made),
    /// also when the value stored is not the awaited call's result itself but part of what the acting call returned;</item>
    /// <item>the type holding the write, or a base type declared in source, uses synchronisation (<see cref="TypeSynchronisation"/>).</item>
    /// </list>
    /// Writes of the state by other members count only for a lazy fill: a state machine, a cursor or a flag is written
    /// by several members of a single-flow type as a matter of course, so that is no sign of concurrent use.
    /// </summary>
    internal enum SignStrength
    {
        None,
        Weak,
        Strong,
    }

    internal static class ConcurrencySigns
    {
        public static bool Show(in WriteFacts facts, List<StaleGuard> guards, RuleContext context, AnalysedBody body)
            => Strength(facts, guards, context, body) != SignStrength.None;

        /// <summary>
        /// How strongly the code shows concurrent use. Weak: a once-guard that returns false, or synchronisation
        /// elsewhere in the type: signs that ownership evidence (<see cref="Concurrency.OwnedTypes"/>) can outweigh.
        /// </summary>
        public static SignStrength Strength(in WriteFacts facts, List<StaleGuard> guards, RuleContext context, AnalysedBody body)
        {
            var location = facts.Location;
            if (location.Root is ITypeSymbol
                || (location.Root is ILocalSymbol or IParameterSymbol && body.Sharing.IsCapturedByFunction((ISymbol)location.Root))
                || facts.IsLockHeldHere)
            {
                return SignStrength.Strong;
            }

            foreach (var guard in guards)
            {
                if (facts.WasLockedAtRead(guard.Entry.StaleRead) || StaleGuards.OnceGuardOf(facts, guard) == OnceGuard.Throws)
                {
                    return SignStrength.Strong;
                }
            }

            if (LazyFill.IsLazyFill(facts, guards)
                && (LazyFill.AnotherMemberWrites(facts, context) || LazyFill.StoresDisposable(facts, context)
                    || (StaleGuards.Earliest(guards) is { } stale && HarmfulFills.Show(facts, stale))))
            {
                return SignStrength.Strong;
            }

            if (StaleGuards.Earliest(guards) is { } acting
                && HarmfulFills.AwaitedCallActs(facts.SuspensionAt(acting.Entry.StaleAwait))
                && LazyFill.FillsMissingState(facts, guards))
            {
                // Filled from what an action returned (_link = created.Resource.Link): the duplicate is a second action.
                return SignStrength.Strong;
            }

            return StaleGuards.AnyMeantToExclude(facts, guards) || context.Synchronisation.Shows(body.ContainingType, body.Options)
                ? SignStrength.Weak
                : SignStrength.None;
        }
    }
}
