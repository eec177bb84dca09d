using System.Collections.Immutable;
using AwaitRaceAnalyzer.Flow;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// AWR002: the write runs in the region of a branch that tested the same state before a suspension point, the
    /// state was not tested again after it, and no lock was held from the test to the write; unless the write is one
    /// that is safe by design (<see cref="DesignedSafeWrites"/>) or a fill serialised by a lock taken after the test
    /// (<see cref="SerialisedRefills"/>). The same shape where the code shows no sign of
    /// concurrent use (<see cref="ConcurrencySigns"/>) is reported as the advisory AWR102.
    /// </summary>
    internal sealed class CheckThenActRule : IWriteRule
    {
        public static readonly CheckThenActRule Instance = new CheckThenActRule();

        public ImmutableArray<DiagnosticDescriptor> Descriptors { get; } =
            ImmutableArray.Create(AwaitRaceAnalyzer.Descriptors.CheckThenAct, AwaitRaceAnalyzer.Descriptors.AdvisoryCheckThenAct);

        public Finding? Check(in WriteFacts facts, RuleContext context, AnalysedBody body)
        {
            if (StaleGuards.Deciding(facts) is not { } guards
                || StaleGuards.Earliest(guards) is not { } stale
                || DesignedSafeWrites.IsSafe(facts, stale, context)
                || SerialisedRefills.IsSafe(facts, guards, context))
            {
                return null;
            }

            var strength = ConcurrencySigns.Strength(facts, guards, context, body);
            var descriptor = strength != SignStrength.None
                ? AwaitRaceAnalyzer.Descriptors.CheckThenAct
                : AwaitRaceAnalyzer.Descriptors.AdvisoryCheckThenAct;
            return new Finding(descriptor, facts, facts.ReadAt(stale.Entry.StaleRead), facts.SuspensionAt(stale.Entry.StaleAwait))
            {
                RestsOnWeakSigns = strength == SignStrength.Weak,
            };
        }
    }
}
