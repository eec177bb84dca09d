using System.Collections.Generic;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// For the per-type syntax summaries, the nodes of a type declaration (nested types aside) that may hold one of some
    /// words: only the nodes above each place a word occurs in the declaration's text, not every node of what may be a
    /// large type. A node a summary looks for holds its word in a token below it, so it is among them. The places of
    /// Unicode escapes count too (<see cref="TextSearch.UnicodeEscapes"/>).
    /// </summary>
    internal static class TypeNodesByWord
    {
        /// <summary>The nodes above each occurrence of <paramref name="words"/> or of a Unicode escape.</summary>
        public static IEnumerable<SyntaxNode> Around(TypeDeclarationSyntax declaration, IReadOnlyList<string> words)
        {
            var searched = new List<string>(words);
            searched.AddRange(TextSearch.UnicodeEscapes);
            var positions = new List<int>();
            TextSearch.AddOccurrences(declaration.SyntaxTree.GetText(), declaration.Span, searched, positions);
            return Above(declaration, positions);
        }

        private static IEnumerable<SyntaxNode> Above(TypeDeclarationSyntax declaration, List<int> positions)
        {
            foreach (var position in positions)
            {
                var token = declaration.FindToken(position);
                if (InNestedType(token, declaration))
                {
                    continue;
                }

                for (var node = token.Parent; node is not null && node != declaration; node = node.Parent)
                {
                    yield return node;
                }
            }
        }

        private static bool InNestedType(SyntaxToken token, TypeDeclarationSyntax declaration)
        {
            for (var node = token.Parent; node is not null && node != declaration; node = node.Parent)
            {
                if (node is BaseTypeDeclarationSyntax)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
