using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using AwaitRaceAnalyzer.CodeFixes.Interlocked;
using AwaitRaceAnalyzer.CodeFixes.ReadAfterAwait;
using AwaitRaceAnalyzer.CodeFixes.SemaphoreSlim;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Editing;

namespace AwaitRaceAnalyzer.CodeFixes
{
    /// <summary>
    /// Applies fixes for any number of diagnostics of one document in one edit, so a fix-all never applies two
    /// edits to the same code and never nests two semaphores around the same range.
    /// </summary>
    internal static class DocumentFixer
    {
        /// <summary>The fixes that apply to one diagnostic, in the configured offer order.</summary>
        public static IEnumerable<FixKind> ApplicableFixes(DiagnosticNodes nodes, SemanticModel model, IEnumerable<FixKind> order, CancellationToken cancellationToken)
        {
            foreach (var kind in order)
            {
                if (Applies(kind, nodes, model, cancellationToken))
                {
                    yield return kind;
                }
            }
        }

        public static bool Applies(FixKind kind, DiagnosticNodes nodes, SemanticModel model, CancellationToken cancellationToken)
            => kind switch
            {
                FixKind.UseInterlocked => InterlockedRewrite.TryCreate(nodes, model, cancellationToken) is not null,
                FixKind.ReadAfterAwait => ReadAfterAwaitRewrite.TryCreate(nodes, model, cancellationToken) is not null,
                _ => ProtectionPlanner.TryPlan(nodes, model, cancellationToken) is not null,
            };

        /// <summary>The configured offer order for a document.</summary>
        public static async Task<FixKind[]> OfferOrderAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            string? preferred = null;
            if (tree is not null)
            {
                document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(FixKinds.PreferredFixOption, out preferred);
            }

            return FixKinds.OfferOrder(preferred);
        }

        public static Task<Document> FixAsync(Document document, FixKind kind, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
            => FixAsync(document, diagnostics, (_, _) => kind, cancellationToken);

        /// <summary>Fixes each diagnostic with the kind <paramref name="choose"/> names; null or a fix that does not apply leaves it.</summary>
        public static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, Func<DiagnosticNodes, SemanticModel, FixKind?> choose, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var model = editor.SemanticModel;
            var root = editor.OriginalRoot;
            var plans = new List<ProtectionPlan>();
            var removed = new HashSet<SyntaxNode>();

            // Spans ordered so that the result does not depend on the order diagnostics arrive in.
            foreach (var diagnostic in Sorted(diagnostics))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (DiagnosticNodes.Find(root, diagnostic) is not { } nodes)
                {
                    continue;
                }

                var kind = choose(nodes, model);
                switch (kind)
                {
                    case FixKind.UseInterlocked:
                        InterlockedRewrite.TryCreate(nodes, model, cancellationToken)?.Apply(editor, removed);
                        break;
                    case FixKind.ReadAfterAwait:
                        ReadAfterAwaitRewrite.TryCreate(nodes, model, cancellationToken)?.Apply(editor);
                        break;
                    case FixKind.ProtectWithSemaphoreSlim when ProtectionPlanner.TryPlan(nodes, model, cancellationToken) is { } plan:
                        // Collected, then merged: overlapping sections share one try/finally per gate.
                        plans.Add(plan);
                        break;
                }
            }

            ProtectionRewriter.Apply(editor, model, plans, cancellationToken);
            return editor.GetChangedDocument();
        }

        private static IEnumerable<Diagnostic> Sorted(ImmutableArray<Diagnostic> diagnostics)
        {
            var list = new List<Diagnostic>(diagnostics);
            list.Sort((a, b) => a.Location.SourceSpan.Start.CompareTo(b.Location.SourceSpan.Start));
            return list;
        }
    }
}
