using System.Collections.Generic;
using System.Collections.Immutable;
using AwaitRaceAnalyzer.CodeFixes.ClaimBeforeAwait;
using AwaitRaceAnalyzer.CodeFixes.Interlocked;
using AwaitRaceAnalyzer.CodeFixes.ReadAfterAwait;
using AwaitRaceAnalyzer.CodeFixes.SemaphoreSlim;
using AwaitRaceAnalyzer.CodeFixes.SingleFlight;

namespace AwaitRaceAnalyzer.CodeFixes
{
    /// <summary>
    /// The table of code actions, and the offer order it gives: a new fix is one row here plus its planner and rewriter.
    /// </summary>
    internal static class FixDefinitions
    {
        /// <summary>
        /// The <c>.editorconfig</c> key that picks the preferred fix by a row's <see cref="FixDefinition.OptionValue"/>
        /// (the first row when unset or unknown). The preferred fix is offered first where it applies, so the IDE shows
        /// it on top and <c>dotnet format analyzers</c> (which applies the first fix offered) uses it.
        /// </summary>
        public const string PreferredFixOption = "await_race.preferred_code_fix";

        /// <summary>
        /// Every fix, in the order offered after the preferred one; the first row is the default preference. Each
        /// planner applies to its own rules (Interlocked and read after the await: AWR001; single flight: AWR003; claim
        /// before the await: AWR002 and AWR102), so by default AWR001 gets Interlocked, AWR002 a claim where the guard stores a
        /// constant, AWR003 single flight, and the SemaphoreSlim fix everything else.
        /// </summary>
        public static readonly ImmutableArray<FixDefinition> All = ImmutableArray.Create(
            new FixDefinition(
                FixKinds.UseInterlockedKey,
                "interlocked",
                state => $"Use Interlocked to update '{state}'",
                InterlockedRewrite.TryPlan),
            new FixDefinition(
                FixKinds.SingleFlightKey,
                "single_flight",
                state => $"Share one load of '{state}' between concurrent callers",
                SingleFlightRewrite.TryPlan),
            new FixDefinition(
                FixKinds.ClaimBeforeAwaitKey,
                "claim_before_await",
                state => $"Claim '{state}' before the await",
                ClaimBeforeAwaitRewrite.TryPlan),
            new FixDefinition(
                FixKinds.ProtectWithSemaphoreSlimKey,
                "semaphore_slim",
                state => $"Protect '{state}' with a SemaphoreSlim",
                ProtectionPlanner.TryPlan),
            new FixDefinition(
                FixKinds.ReadAfterAwaitKey,
                "read_after_await",
                state => $"Read '{state}' after the await",
                ReadAfterAwaitRewrite.TryPlan));

        /// <summary>The fix with equivalence key <paramref name="key"/>, or null.</summary>
        public static FixDefinition? FromKey(string? key)
        {
            foreach (var definition in All)
            {
                if (definition.EquivalenceKey == key)
                {
                    return definition;
                }
            }

            return null;
        }

        /// <summary>The order in which fixes are offered: the one <paramref name="preferredOption"/> names first, then the table's order.</summary>
        public static IReadOnlyList<FixDefinition> OfferOrder(string? preferredOption)
        {
            var value = preferredOption?.Trim().ToLowerInvariant();
            var preferred = All[0];
            foreach (var definition in All)
            {
                if (definition.OptionValue == value)
                {
                    preferred = definition;
                }
            }

            var order = new List<FixDefinition> { preferred };
            foreach (var definition in All)
            {
                if (definition != preferred)
                {
                    order.Add(definition);
                }
            }

            return order;
        }
    }
}
