using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AwaitRaceAnalyzer.Filters
{
    /// <summary>
    /// Where the words that can begin a suspension point (<c>await</c>, <c>yield</c>) occur in each tree of one
    /// compilation, found once per tree with the runtime's vectorised search. The pre-check of each code block is then
    /// a binary search, not a character-by-character scan of its text (on code without await, that scan was nearly
    /// all of our cost).
    /// </summary>
    internal sealed class SuspensionWords
    {
        private const int WordLength = 5;
        private static readonly string[] Words = { "await", "yield" };

        private readonly ConcurrentDictionary<SyntaxTree, int[]> _positions = new ConcurrentDictionary<SyntaxTree, int[]>();

        /// <summary>True when one of the words lies entirely within <paramref name="span"/> of <paramref name="tree"/>.</summary>
        public bool MayOccurIn(SyntaxTree tree, TextSpan span)
        {
            var positions = _positions.GetOrAdd(tree, Find);
            var index = Array.BinarySearch(positions, span.Start);
            if (index < 0)
            {
                index = ~index;
            }

            return index < positions.Length && positions[index] + WordLength <= span.End;
        }

        private static int[] Find(SyntaxTree tree)
        {
            var text = tree.TryGetText(out var known) ? known : tree.GetText();
            var found = new List<int>();
            TextSearch.AddOccurrences(text, new TextSpan(0, text.Length), Words, found);
            found.Sort();
            return found.ToArray();
        }
    }
}
