using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>
    /// Where the words that can begin a suspension point (<c>await</c>, <c>yield</c>) occur in each tree of one
    /// compilation, found once per tree with the runtime's vectorised search. The pre-check of each code block is then
    /// a binary search, not a character-by-character scan of its text (on code without await, that scan was nearly
    /// all of our cost).
    /// </summary>
    internal sealed class SuspensionWords
    {
        private const int ChunkLength = 16 * 1024;
        private const int WordLength = 5;

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
            var buffer = ArrayPool<char>.Shared.Rent(ChunkLength);
            try
            {
                // Chunks overlap by one word length less one, so each occurrence lies whole in exactly one chunk.
                for (var start = 0; start < text.Length; start += ChunkLength - (WordLength - 1))
                {
                    var count = Math.Min(ChunkLength, text.Length - start);
                    text.CopyTo(start, buffer, 0, count);
                    var chunk = new ReadOnlySpan<char>(buffer, 0, count);
                    AddEach(chunk, "await".AsSpan(), start, found);
                    AddEach(chunk, "yield".AsSpan(), start, found);
                    if (start + count >= text.Length)
                    {
                        break;
                    }
                }
            }
            finally
            {
                ArrayPool<char>.Shared.Return(buffer);
            }

            found.Sort();
            return found.ToArray();
        }

        private static void AddEach(ReadOnlySpan<char> chunk, ReadOnlySpan<char> word, int offset, List<int> found)
        {
            var from = 0;
            while (from < chunk.Length)
            {
                var at = chunk.Slice(from).IndexOf(word, StringComparison.Ordinal);
                if (at < 0)
                {
                    return;
                }

                found.Add(offset + from + at);
                from += at + 1;
            }
        }
    }
}
