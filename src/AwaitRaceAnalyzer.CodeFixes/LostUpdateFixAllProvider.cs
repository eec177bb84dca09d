using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AwaitRaceAnalyzer.CodeFixes
{
    /// <summary>
    /// Fix all in document, project or solution. A named fix (an equivalence key from the IDE) applies that fix where
    /// it can; no key (as from <c>dotnet format analyzers</c>) applies the fix chosen by
    /// <c>await_race.default_code_fix</c>, falling back to the SemaphoreSlim fix, which applies to every diagnostic
    /// it can plan.
    /// </summary>
    internal static class LostUpdateFixAllProvider
    {
        public static readonly FixAllProvider Instance = FixAllProvider.Create(FixDocumentAsync);

        private static async Task<Document?> FixDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            if (diagnostics.IsEmpty)
            {
                return document;
            }

            var named = FixKinds.FromKey(context.CodeActionEquivalenceKey);
            if (named is { } kind)
            {
                return await DocumentFixer.FixAsync(document, kind, diagnostics, context.CancellationToken).ConfigureAwait(false);
            }

            var tree = await document.GetSyntaxTreeAsync(context.CancellationToken).ConfigureAwait(false);
            var options = tree is null ? null : document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree);
            string? configured = null;
            options?.TryGetValue(FixKinds.DefaultFixOption, out configured);
            var preferred = FixKinds.FromOption(configured);
            return await DocumentFixer.FixAsync(document, diagnostics, _ => preferred, fallBackToSemaphore: true, context.CancellationToken).ConfigureAwait(false);
        }
    }
}
