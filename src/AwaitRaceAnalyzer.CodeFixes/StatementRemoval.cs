using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Editing;

namespace AwaitRaceAnalyzer.CodeFixes
{
    /// <summary>Removes a statement but keeps its comments on lines of their own, without leaving blank lines behind.</summary>
    internal static class StatementRemoval
    {
        public static void Remove(DocumentEditor editor, SyntaxNode statement)
        {
            var leading = statement.GetLeadingTrivia().ToList();
            var trailing = statement.GetTrailingTrivia();
            var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
                ? leading[leading.Count - 1]
                : SyntaxFactory.Whitespace(string.Empty);
            if (leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                leading.RemoveAt(leading.Count - 1);
            }

            var comments = trailing.Where(IsComment).ToList();
            var keptTrailing = new List<SyntaxTrivia>();
            if (comments.Count > 0)
            {
                keptTrailing.Add(indentation);
                keptTrailing.AddRange(comments);
                keptTrailing.Add(SyntaxFactory.ElasticCarriageReturnLineFeed);
            }

            editor.ReplaceNode(statement, (current, _) => current.WithLeadingTrivia(leading).WithTrailingTrivia(keptTrailing));
            editor.RemoveNode(statement, SyntaxRemoveOptions.KeepExteriorTrivia | SyntaxRemoveOptions.KeepDirectives);
        }

        private static bool IsComment(SyntaxTrivia trivia)
            => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia);
    }
}
