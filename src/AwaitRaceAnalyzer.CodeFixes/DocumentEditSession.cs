using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AwaitRaceAnalyzer.CodeFixes.SemaphoreSlim;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Editing;

namespace AwaitRaceAnalyzer.CodeFixes
{
    /// <summary>
    /// The edits of one document in progress, shared by every fix plan applied to it: the editor, the semantic model
    /// of the original document, the nodes already removed, and the SemaphoreSlim protections, which are collected and
    /// merged at the end so overlapping sections share one try/finally per gate.
    /// </summary>
    internal sealed class DocumentEditSession
    {
        private DocumentEditSession(DocumentEditor editor, CancellationToken cancellationToken)
        {
            Editor = editor;
            Known = KnownSymbols.Create(editor.SemanticModel.Compilation);
            CancellationToken = cancellationToken;
        }

        public DocumentEditor Editor { get; }

        /// <summary>The model of the document before any edit.</summary>
        public SemanticModel Model => Editor.SemanticModel;

        public KnownSymbols Known { get; }

        /// <summary>Nodes some plan already removed, so a second plan that would remove one leaves it alone.</summary>
        public HashSet<SyntaxNode> Removed { get; } = new HashSet<SyntaxNode>();

        /// <summary>The SemaphoreSlim protections collected so far, merged and written by <see cref="Finish"/>.</summary>
        public List<ProtectionPlan> Protections { get; } = new List<ProtectionPlan>();

        /// <summary>
        /// Declarations a plan adds once per document however many diagnostics it fixes (a single-flight companion
        /// field and helper), by key, with the names they took.
        /// </summary>
        public Dictionary<string, object> Declared { get; } = new Dictionary<string, object>();

        public CancellationToken CancellationToken { get; }

        public static async Task<DocumentEditSession> StartAsync(Document document, CancellationToken cancellationToken)
            => new DocumentEditSession(await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false), cancellationToken);

        /// <summary>Writes the collected protections and returns the changed document.</summary>
        public Document Finish()
        {
            ProtectionRewriter.Apply(this);
            return Editor.GetChangedDocument();
        }
    }
}
