using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AwaitRaceAnalyzer.CodeFixes
{
    /// <summary>
    /// Offers the fixes of <see cref="FixDefinitions"/> for AWR001/AWR002/AWR003 and AWR102 (the AWR002 shape, so the AWR002 fixes) in the configured order (default: the table's
    /// order). One provider serves them all so the order, which decides what <c>dotnet format analyzers</c> applies, is
    /// decided in one place.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LostUpdateCodeFixProvider)), Shared]
    public sealed class LostUpdateCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.LostUpdate, DiagnosticIds.CheckThenAct, DiagnosticIds.LazyInitialization, DiagnosticIds.AdvisoryLostUpdate, DiagnosticIds.AdvisoryCheckThenAct);

        public override FixAllProvider GetFixAllProvider() => LostUpdateFixAllProvider.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            var order = await DocumentFixer.OfferOrderAsync(document, context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                var nodes = DiagnosticNodes.Find(root, diagnostic);
                if (nodes is null)
                {
                    continue;
                }

                foreach (var (definition, _) in DocumentFixer.ApplicableFixes(nodes, model, order, context.CancellationToken))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            definition.Title(nodes.StateName),
                            cancellationToken => DocumentFixer.FixAsync(document, definition, ImmutableArray.Create(diagnostic), cancellationToken),
                            definition.EquivalenceKey),
                        diagnostic);
                }
            }
        }
    }
}
