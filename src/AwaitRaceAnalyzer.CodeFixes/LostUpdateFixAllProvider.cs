using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AwaitRaceAnalyzer.CodeFixes
{
    /// <summary>
    /// Fix all in document, project or solution. A named fix (an equivalence key) applies that fix where it can and
    /// leaves other diagnostics alone; no key gives each diagnostic the first fix that applies to it, in the order set
    /// by <c>await_race.preferred_code_fix</c>.
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

            if (FixDefinitions.FromKey(context.CodeActionEquivalenceKey) is { } named)
            {
                return await DocumentFixer.FixAsync(document, named, diagnostics, context.CancellationToken).ConfigureAwait(false);
            }

            // No fix named: each diagnostic gets the first fix that applies, in the configured offer order.
            var order = await DocumentFixer.OfferOrderAsync(document, context.CancellationToken).ConfigureAwait(false);
            return await DocumentFixer.FixAsync(
                document,
                diagnostics,
                (nodes, model) => DocumentFixer.ApplicableFixes(nodes, model, order, context.CancellationToken).Select(fix => fix.Plan).FirstOrDefault(),
                context.CancellationToken).ConfigureAwait(false);
        }
    }
}
