using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.CodeFixes
{
    /// <summary>The syntax a diagnostic points at: the write, the stale read (or test) and the suspension point.</summary>
    internal sealed class DiagnosticNodes
    {
        private DiagnosticNodes(Diagnostic diagnostic, SyntaxNode write, SyntaxNode read, SyntaxNode suspension)
        {
            Diagnostic = diagnostic;
            Write = write;
            Read = read;
            Suspension = suspension;
        }

        public Diagnostic Diagnostic { get; }

        public SyntaxNode Write { get; }

        public SyntaxNode Read { get; }

        public SyntaxNode Suspension { get; }

        public string StateName
            => Diagnostic.Properties.TryGetValue(DiagnosticProperties.StateName, out var name) && name is not null ? name : Write.ToString();

        public string? StateKind => Diagnostic.Properties.TryGetValue(DiagnosticProperties.StateKind, out var kind) ? kind : null;

        public string? UpdateKind => Diagnostic.Properties.TryGetValue(DiagnosticProperties.UpdateKind, out var kind) ? kind : null;

        /// <summary>The statement holding the write, within the same function (null for an expression-bodied lambda).</summary>
        public StatementSyntax? WriteStatement => StatementOf(Write);

        /// <summary>The statement holding the read, within the same function.</summary>
        public StatementSyntax? ReadStatement => StatementOf(Read);

        private static StatementSyntax? StatementOf(SyntaxNode node)
        {
            foreach (var ancestor in node.AncestorsAndSelf())
            {
                switch (ancestor)
                {
                    case StatementSyntax statement:
                        return statement;
                    case AnonymousFunctionExpressionSyntax:
                    case MemberDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }

        public static DiagnosticNodes? Find(SyntaxNode root, Diagnostic diagnostic)
        {
            if (diagnostic.AdditionalLocations.Count < 2 || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            {
                return null;
            }

            var readSpan = diagnostic.AdditionalLocations[0].SourceSpan;
            var suspensionSpan = diagnostic.AdditionalLocations[1].SourceSpan;
            if (!root.FullSpan.Contains(readSpan) || !root.FullSpan.Contains(suspensionSpan))
            {
                return null;
            }

            var write = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var read = root.FindNode(readSpan, getInnermostNodeForTie: true);
            var suspension = root.FindNode(suspensionSpan, getInnermostNodeForTie: true);
            return new DiagnosticNodes(diagnostic, write, read, suspension);
        }
    }
}
