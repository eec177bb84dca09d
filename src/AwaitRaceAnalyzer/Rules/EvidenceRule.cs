using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// What evidence of concurrent use changes: a check-then-act that the type's own signs left advisory (AWR102)
    /// becomes AWR002 when the compilation runs the method concurrently on one object; every finding names that
    /// evidence in its message and gets the concurrent call site as a location. AWR003 keeps its rule (a harmless
    /// duplicate load is harmless however often it runs) and AWR001 is a warning already. Without such evidence,
    /// ownership (<see cref="Concurrency.OwnedTypes"/>) is counter-evidence: a lost update of an owned object's own
    /// state becomes the advisory AWR101, and a check-then-act that only weak signs made a warning becomes AWR102.
    /// A check-then-act on a parameter that some call site passes shared state (a static, or a field of the caller's
    /// object: a collection handed to a helper) is one on shared state too: the same promotion, with that call site.
    /// </summary>
    internal static class EvidenceRule
    {
        public static void Apply(Finding finding, RuleContext context, AnalysedBody body, CancellationToken cancellationToken)
        {
            var started = AnalysisProfile.Start();
            try
            {
                Weigh(finding, context, body, cancellationToken);
            }
            finally
            {
                AnalysisProfile.End(AnalysisPhase.Evidence, started, finding.Evidence is not null);
            }
        }

        private static void Weigh(Finding finding, RuleContext context, AnalysedBody body, CancellationToken cancellationToken)
        {
            var evidence = context.ConcurrentUse.For(body.Member, body.ContainingType, body.Options, cancellationToken)
                ?? (finding.State.Root is IParameterSymbol parameter ? context.SharedArguments.For(parameter, cancellationToken) : null);
            if (evidence is not null
                && (!evidence.Reaches(finding.Write.Syntax) || (!evidence.OfTheWholeType && InDelegateHandedOut(finding.Write.Syntax, body.ContainingType))))
            {
                // The write is in code that runs once however often the method does (a first render), or in a
                // delegate the method stores in a member: that runs when its holder calls it, not when the method runs.
                evidence = null;
            }

            if (evidence is not null)
            {
                var promoted = finding.Descriptor == AwaitRaceAnalyzer.Descriptors.AdvisoryCheckThenAct
                    ? AwaitRaceAnalyzer.Descriptors.CheckThenAct
                    : finding.Descriptor;
                finding.Attach(evidence, promoted);
                return;
            }

            // Counter-evidence: one flow owns every instance, so only the object's own state is out of other tasks' reach.
            if (finding.State.Root != StateLocation.ThisRoot || !context.OwnedTypes.OwnedByOneFlow(body.ContainingType, cancellationToken))
            {
                return;
            }

            if (finding.Descriptor == AwaitRaceAnalyzer.Descriptors.LostUpdate)
            {
                finding.Demote(AwaitRaceAnalyzer.Descriptors.AdvisoryLostUpdate);
            }
            else if (finding.Descriptor == AwaitRaceAnalyzer.Descriptors.CheckThenAct && finding.RestsOnWeakSigns)
            {
                finding.Demote(AwaitRaceAnalyzer.Descriptors.AdvisoryCheckThenAct);
            }
        }

        /// <summary>
        /// <paramref name="node"/> lies in a lambda or anonymous method assigned to a field or property of
        /// <paramref name="type"/> (<c>Provider = async request => …</c>).
        /// </summary>
        private static bool InDelegateHandedOut(SyntaxNode node, INamedTypeSymbol? type)
        {
            for (var current = node; current is not null and not MemberDeclarationSyntax; current = current.Parent)
            {
                if (current is not AnonymousFunctionExpressionSyntax function)
                {
                    continue;
                }

                SyntaxNode holder = function;
                while (holder.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
                {
                    holder = holder.Parent;
                }

                if (holder.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment
                    && assignment.Right == holder
                    && type is not null
                    && TrivialAccessors.FieldName(assignment.Left) is { } name
                    && StateLocationResolver.MemberOfType(type, name) is not null)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
