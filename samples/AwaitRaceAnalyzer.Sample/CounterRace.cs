using System;
using System.Threading.Tasks;

namespace AwaitRaceAnalyzer.Sample
{
    /// <summary>The reference loop: start many tasks that each increment the counter once, and wait for all of them.</summary>
    public static class CounterRace
    {
        public const int TaskCount = 1000;

        public static async Task<int> RunAsync(ICounter counter, int taskCount = TaskCount)
        {
            var tasks = new Task[taskCount];
            for (var i = 0; i < taskCount; i++)
            {
                tasks[i] = counter.IncrementAsync();
            }

            await Task.WhenAll(tasks);
            return counter.Count;
        }

        /// <summary>Runs the loop on the thread pool: continuations run on several threads.</summary>
        public static int RunOnThreadPool(ICounter counter, int taskCount = TaskCount)
            => Task.Run(() => RunAsync(counter, taskCount)).GetAwaiter().GetResult();

        /// <summary>Runs the loop on one thread: the race is about await, not threads, and the result is deterministic.</summary>
        public static int RunOnSingleThread(ICounter counter, int taskCount = TaskCount)
            => SingleThreadSynchronizationContext.Run(() => RunAsync(counter, taskCount));

        public static string Describe(string name, int count, int taskCount = TaskCount)
            => FormattableString.Invariant($"{name,-24} Final count: {count} (expected {taskCount})");
    }
}
