using System;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.CodeFixes
{
    /// <summary>
    /// One code action: its equivalence key (which identifies it), <c>await_race.preferred_code_fix</c> value, title,
    /// and the planner that decides whether it applies to a diagnostic. A row of <see cref="FixDefinitions"/>.
    /// </summary>
    internal sealed class FixDefinition
    {
        private readonly Func<string, string> _title;
        private readonly Func<DiagnosticNodes, SemanticModel, CancellationToken, IFixPlan?> _plan;

        public FixDefinition(string equivalenceKey, string optionValue, Func<string, string> title, Func<DiagnosticNodes, SemanticModel, CancellationToken, IFixPlan?> plan)
        {
            EquivalenceKey = equivalenceKey;
            OptionValue = optionValue;
            _title = title;
            _plan = plan;
        }

        /// <summary>The code action's equivalence key: how the IDE and a fix-all name this fix.</summary>
        public string EquivalenceKey { get; }

        /// <summary>The value of <c>await_race.preferred_code_fix</c> that puts this fix first.</summary>
        public string OptionValue { get; }

        /// <summary>The code action's title for the state named <paramref name="stateName"/>.</summary>
        public string Title(string stateName) => _title(stateName);

        /// <summary>The edit that fixes the diagnostic, or null when this fix does not apply to it.</summary>
        public IFixPlan? TryPlan(DiagnosticNodes nodes, SemanticModel model, CancellationToken cancellationToken)
            => _plan(nodes, model, cancellationToken);
    }
}
