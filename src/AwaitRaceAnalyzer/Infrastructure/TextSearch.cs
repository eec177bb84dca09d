using System;
using System.Buffers;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace AwaitRaceAnalyzer.Infrastructure
{
    /// <summary>
    /// Where words occur in a span of source text, found with the runtime's vectorised search over pooled chunks of the
    /// text: far cheaper than walking the syntax of the span, so syntax is only looked at where a word occurs.
    /// </summary>
    internal static class TextSearch
    {
        private const int ChunkLength = 16 * 1024;

        /// <summary>
        /// The starts of a Unicode escape (<c>\u0041</c>, <c>\U00000041</c>): an identifier written with one may not show
        /// its word in the text, so a search for names looks at these places too.
        /// </summary>
        public static readonly IReadOnlyList<string> UnicodeEscapes = new[] { "\\u", "\\U" };

        /// <summary>True when one of <paramref name="words"/> occurs anywhere in <paramref name="text"/>.</summary>
        public static bool OccursIn(SourceText text, IReadOnlyList<string> words)
        {
            var found = new List<int>();
            AddOccurrences(text, new TextSpan(0, text.Length), words, found);
            return found.Count > 0;
        }

        /// <summary>Adds to <paramref name="found"/> the start of every occurrence of each word within <paramref name="span"/>, unsorted.</summary>
        public static void AddOccurrences(SourceText text, TextSpan span, IReadOnlyList<string> words, List<int> found)
        {
            var longest = 0;
            foreach (var word in words)
            {
                longest = Math.Max(longest, word.Length);
            }

            var end = Math.Min(span.End, text.Length);
            var buffer = ArrayPool<char>.Shared.Rent(ChunkLength);
            try
            {
                // Chunks overlap by the longest word's length less one, so each occurrence lies whole in some chunk;
                // one that lies whole in two is kept once, by the chunk it starts before the overlap of.
                for (var start = span.Start; start < end; start += ChunkLength - (longest - 1))
                {
                    var count = Math.Min(ChunkLength, end - start);
                    var last = start + count >= end;
                    var owned = last ? count : ChunkLength - (longest - 1);
                    text.CopyTo(start, buffer, 0, count);
                    var chunk = new ReadOnlySpan<char>(buffer, 0, count);
                    foreach (var word in words)
                    {
                        AddEach(chunk, word.AsSpan(), start, owned, found);
                    }

                    if (last)
                    {
                        break;
                    }
                }
            }
            finally
            {
                ArrayPool<char>.Shared.Return(buffer);
            }
        }

        /// <summary>True when <paramref name="word"/> occurs in <paramref name="text"/> at <paramref name="position"/>.</summary>
        public static bool OccursAt(SourceText text, int position, string word)
        {
            if (position < 0 || position + word.Length > text.Length)
            {
                return false;
            }

            for (var i = 0; i < word.Length; i++)
            {
                if (text[position + i] != word[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when one of the sorted <paramref name="positions"/> lies in <paramref name="span"/>.</summary>
        public static bool AnyWithin(List<int> positions, TextSpan span)
        {
            var index = positions.BinarySearch(span.Start);
            if (index < 0)
            {
                index = ~index;
            }

            return index < positions.Count && positions[index] < span.End;
        }

        private static void AddEach(ReadOnlySpan<char> chunk, ReadOnlySpan<char> word, int offset, int owned, List<int> found)
        {
            var from = 0;
            while (from < chunk.Length)
            {
                var at = chunk.Slice(from).IndexOf(word, StringComparison.Ordinal);
                if (at < 0 || from + at >= owned)
                {
                    return;
                }

                found.Add(offset + from + at);
                from += at + 1;
            }
        }
    }
}
