using System;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.CodeFixes
{
    /// <summary>
    /// One code action: its kind, equivalence key, <c>await_race.preferred_code_fix</c> value, title, and the planner
    /// that decides whether it applies to a diagnostic. A row of <see cref="FixDefinitions"/>.
    /// </summary>
    internal sealed class FixDefinition
    {
        private readonly Func<string, string> _title;
        private readonly Func<DiagnosticNodes, SemanticModel, CancellationToken, IFixPlan?> _plan;

        public FixDefinition(FixKind kind, string equivalenceKey, string optionValue, Func<string, string> title, Func<DiagnosticNodes, SemanticModel, CancellationToken, IFixPlan?> plan)
        {
            Kind = kind;
            EquivalenceKey = equivalenceKey;
            OptionValue = optionValue;
            _title = title;
            _plan = plan;
        }

        public FixKind Kind { get; }

        /// <summary>The code action's equivalence key, also how a fix-all names the fix it applies.</summary>
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
