using System;

namespace AwaitRaceAnalyzer.Infrastructure
{
    /// <summary>Collections a pre-filter fills for one code block and empties for the next.</summary>
    internal interface IReusable
    {
        /// <summary>
        /// Empties it for the next block; false when it grew too large to be worth keeping (clearing a large set costs
        /// as much as growing a new one, and a thread would hold its memory).
        /// </summary>
        bool Clear();
    }

    /// <summary>
    /// One instance per thread, reused block after block: the syntax pre-filters run on every block where a suspension
    /// word occurs, and growing new collections for each was most of their allocations. Rent, use within one call, and
    /// give back in a finally; a nested rent on the same thread gets a fresh instance.
    /// </summary>
    internal static class PerThread<T>
        where T : class, IReusable, new()
    {
        [ThreadStatic]
        private static T? t_free;

        public static T Rent()
        {
            var item = t_free ?? new T();
            t_free = null;
            return item;
        }

        public static void Return(T item)
        {
            if (item.Clear())
            {
                t_free = item;
            }
        }
    }
}
