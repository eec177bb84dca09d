using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.CodeFixes
{
    /// <summary>
    /// Applies fixes for any number of diagnostics of one document in one edit session, so a fix-all never applies two
    /// edits to the same code and never nests two semaphores around the same range.
    /// </summary>
    internal static class DocumentFixer
    {
        /// <summary>The fixes that apply to one diagnostic, in <paramref name="order"/>, each with its plan (planned lazily).</summary>
        public static IEnumerable<(FixDefinition Definition, IFixPlan Plan)> ApplicableFixes(DiagnosticNodes nodes, SemanticModel model, IEnumerable<FixDefinition> order, CancellationToken cancellationToken)
        {
            foreach (var definition in order)
            {
                if (definition.TryPlan(nodes, model, cancellationToken) is { } plan)
                {
                    yield return (definition, plan);
                }
            }
        }

        /// <summary>The configured offer order for a document.</summary>
        public static async Task<IReadOnlyList<FixDefinition>> OfferOrderAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            string? preferred = null;
            if (tree is not null)
            {
                document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(FixDefinitions.PreferredFixOption, out preferred);
            }

            return FixDefinitions.OfferOrder(preferred);
        }

        /// <summary>Applies <paramref name="definition"/> to each diagnostic it applies to.</summary>
        public static Task<Document> FixAsync(Document document, FixDefinition definition, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
            => FixAsync(document, diagnostics, (nodes, model) => definition.TryPlan(nodes, model, cancellationToken), cancellationToken);

        /// <summary>Applies the plan <paramref name="plan"/> gives each diagnostic; null leaves the diagnostic alone.</summary>
        public static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, Func<DiagnosticNodes, SemanticModel, IFixPlan?> plan, CancellationToken cancellationToken)
        {
            var session = await DocumentEditSession.StartAsync(document, cancellationToken).ConfigureAwait(false);
            var root = session.Editor.OriginalRoot;

            // Spans ordered so that the result does not depend on the order diagnostics arrive in.
            foreach (var diagnostic in Sorted(diagnostics))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (DiagnosticNodes.Find(root, diagnostic) is { } nodes)
                {
                    plan(nodes, session.Model)?.Apply(session);
                }
            }

            return session.Finish();
        }

        private static IEnumerable<Diagnostic> Sorted(ImmutableArray<Diagnostic> diagnostics)
        {
            var list = new List<Diagnostic>(diagnostics);
            list.Sort((a, b) => a.Location.SourceSpan.Start.CompareTo(b.Location.SourceSpan.Start));
            return list;
        }
    }
}
