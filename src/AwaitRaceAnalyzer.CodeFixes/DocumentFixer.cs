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
        public static IEnumerable<FixKind> ApplicableFixes(DiagnosticNodes nodes, SemanticModel model, CancellationToken cancellationToken)
        {
            if (InterlockedRewrite.TryCreate(nodes, model, cancellationToken) is not null)
            {
                yield return FixKind.UseInterlocked;
            }

            if (ProtectionPlanner.TryPlan(nodes, model, cancellationToken) is not null)
            {
                yield return FixKind.ProtectWithSemaphoreSlim;
            }

            if (ReadAfterAwaitRewrite.TryCreate(nodes, model, cancellationToken) is not null)
            {
                yield return FixKind.ReadAfterAwait;
            }
        }

        public static Task<Document> FixAsync(Document document, FixKind kind, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
            => FixAsync(document, diagnostics, _ => kind, fallBackToSemaphore: false, cancellationToken);

        /// <summary>
        /// Fixes each diagnostic with the kind <paramref name="choose"/> names; when that fix does not apply, falls back
        /// to the SemaphoreSlim fix if <paramref name="fallBackToSemaphore"/>, else leaves the diagnostic alone.
        /// </summary>
        public static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, Func<DiagnosticNodes, FixKind> choose, bool fallBackToSemaphore, CancellationToken cancellationToken)
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

                var kind = choose(nodes);
                var applied = kind switch
                {
                    FixKind.UseInterlocked => InterlockedRewrite.TryCreate(nodes, model, cancellationToken)?.Apply(editor, removed) ?? false,
                    FixKind.ReadAfterAwait => ReadAfterAwaitRewrite.TryCreate(nodes, model, cancellationToken)?.Apply(editor) ?? false,
                    _ => false,
                };

                if (!applied && (kind == FixKind.ProtectWithSemaphoreSlim || fallBackToSemaphore)
                    && ProtectionPlanner.TryPlan(nodes, model, cancellationToken) is { } plan)
                {
                    plans.Add(plan);
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
