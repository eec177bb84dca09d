using System;
using System.Threading.Tasks;

namespace AwaitRaceAnalyzer.Sample
{
    /// <summary>The lazy initialisation loop: many callers ask an empty settings cache for its settings at once.</summary>
    public static class LoadRace
    {
        public const int CallerCount = 100;

        public static async Task<int> RunAsync(ISettingsCache cache, int callerCount = CallerCount)
        {
            var callers = new Task<Settings>[callerCount];
            for (var i = 0; i < callerCount; i++)
            {
                callers[i] = cache.GetAsync();
            }

            await Task.WhenAll(callers);
            return cache.Loads;
        }

        /// <summary>Runs the callers on the thread pool: continuations run on several threads.</summary>
        public static int RunOnThreadPool(ISettingsCache cache, int callerCount = CallerCount)
            => Task.Run(() => RunAsync(cache, callerCount)).GetAwaiter().GetResult();

        /// <summary>Runs the callers on one thread: the result is deterministic.</summary>
        public static int RunOnSingleThread(ISettingsCache cache, int callerCount = CallerCount)
            => SingleThreadSynchronizationContext.Run(() => RunAsync(cache, callerCount));

        public static string Describe(string name, int loads)
            => FormattableString.Invariant($"{name,-24} Loads: {loads} (expected 1)");
    }
}
