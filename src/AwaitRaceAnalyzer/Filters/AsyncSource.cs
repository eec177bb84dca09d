using System.Collections.Generic;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AwaitRaceAnalyzer.Filters
{
    /// <summary>
    /// Whether a compilation can hold an async body at all. Every async body carries the <c>async</c> modifier, except
    /// top-level statements, which an <c>await</c> makes async; the flow engine runs on nothing else. A compilation
    /// whose sources hold neither word gets no code block action: code without await then costs one text search per
    /// file, not a callback per block.
    /// </summary>
    internal static class AsyncSource
    {
        private static readonly string[] Words = { "async", "await" };

        /// <summary>False only when the text of every tree is at hand and none holds either word.</summary>
        public static bool MayOccurIn(Compilation compilation, CancellationToken cancellationToken)
        {
            var found = new List<int>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Text that an IDE keeps out of memory is not brought back for this: the per-block checks decide then.
                if (!tree.TryGetText(out var text))
                {
                    return true;
                }

                TextSearch.AddOccurrences(text, new TextSpan(0, text.Length), Words, found);
                if (found.Count > 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
