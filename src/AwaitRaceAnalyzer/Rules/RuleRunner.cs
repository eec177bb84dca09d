using System.Collections.Generic;
using System.Threading;
using System.Collections.Immutable;
using AwaitRaceAnalyzer.Flow;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// Asks the rules, in order, about each write the flow shows it; the first finding wins and a write is reported
    /// at most once.
    /// </summary>
    internal sealed class RuleRunner : IWriteObserver
    {
        /// <summary>Every rule judged at writes, most specific first.</summary>
        public static readonly ImmutableArray<IWriteRule> WriteRules =
            ImmutableArray.Create<IWriteRule>(LostUpdateRule.Instance, LazyInitializationRule.Instance, CheckThenActRule.Instance);

        private readonly HashSet<IOperation> _reportedWrites = new HashSet<IOperation>();
        private readonly RuleContext _context;
        private readonly AnalysedBody _body;
        private readonly CancellationToken _cancellationToken;

        public RuleRunner(RuleContext context, AnalysedBody body, CancellationToken cancellationToken)
        {
            _context = context;
            _body = body;
            _cancellationToken = cancellationToken;
        }

        public List<Finding> Findings { get; } = new List<Finding>();

        public void OnWrite(in WriteFacts facts)
        {
            if (_reportedWrites.Contains(facts.Write))
            {
                return;
            }

            foreach (var rule in WriteRules)
            {
                if (rule.Check(facts, _context, _body) is { } finding)
                {
                    EvidenceRule.Apply(finding, _context, _body, _cancellationToken);
                    _reportedWrites.Add(facts.Write);
                    Findings.Add(finding);
                    return;
                }
            }
        }
    }
}
