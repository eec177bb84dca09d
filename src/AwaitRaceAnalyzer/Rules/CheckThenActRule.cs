using AwaitRaceAnalyzer.Flow;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// AWR002: the write runs in the region of a branch that tested the same state before a suspension point, the
    /// state was not tested again after it, and no lock was held from the test to the write; unless the write is one
    /// that is safe by design (<see cref="DesignedSafeWrites"/>).
    /// </summary>
    internal sealed class CheckThenActRule : IWriteRule
    {
        public static readonly CheckThenActRule Instance = new CheckThenActRule();

        public DiagnosticDescriptor Descriptor => Descriptors.CheckThenAct;

        public Finding? Check(in WriteFacts facts, RuleContext context)
        {
            if (StaleGuards.Earliest(facts) is not { } stale || DesignedSafeWrites.IsSafe(facts, stale))
            {
                return null;
            }

            return new Finding(this, facts, facts.ReadAt(stale.Entry.StaleRead), facts.SuspensionAt(stale.Entry.StaleAwait));
        }
    }
}
