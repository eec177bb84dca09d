using System.Collections.Immutable;
using AwaitRaceAnalyzer.Flow;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// AWR003: a check-then-act that is an async lazy initialisation (<see cref="LazyFill"/>): racing callers each
    /// load and store an equivalent value. Checked before AWR002, which keeps the fills that are bugs.
    /// </summary>
    internal sealed class LazyInitializationRule : IWriteRule
    {
        public static readonly LazyInitializationRule Instance = new LazyInitializationRule();

        public ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = ImmutableArray.Create(AwaitRaceAnalyzer.Descriptors.LazyInitialization);

        public Finding? Check(in WriteFacts facts, RuleContext context, AnalysedBody body)
        {
            if (StaleGuards.Deciding(facts) is not { } guards
                || StaleGuards.Earliest(guards) is not { } stale
                || !LazyFill.IsLazyFill(facts, guards)
                || LazyFill.MustStayCheckThenAct(facts, context, guards))
            {
                return null;
            }

            return new Finding(AwaitRaceAnalyzer.Descriptors.LazyInitialization, facts, facts.ReadAt(stale.Entry.StaleRead), facts.SuspensionAt(stale.Entry.StaleAwait));
        }
    }
}
