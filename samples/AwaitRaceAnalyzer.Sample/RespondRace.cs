using System;
using System.Threading.Tasks;

namespace AwaitRaceAnalyzer.Sample
{
    /// <summary>What two concurrent responses to one interaction did.</summary>
    public sealed record RespondOutcome(int ResponsesSent, Exception? SecondCallerError);

    /// <summary>The once-guard loop: two callers respond to the same interaction at once.</summary>
    public static class RespondRace
    {
        public const int CallerCount = 2;

        public static async Task<RespondOutcome> RunAsync(IInteraction interaction)
        {
            // Both callers start before either finishes: the first runs up to its first await, then the second starts.
            var first = interaction.RespondAsync("first");
            var second = interaction.RespondAsync("second");
            await first;
            Exception? secondCallerError = null;
            try
            {
                await second;
            }
            catch (InvalidOperationException exception)
            {
                secondCallerError = exception;
            }

            return new RespondOutcome(interaction.ResponsesSent, secondCallerError);
        }

        /// <summary>Runs the callers on the thread pool: continuations run on several threads.</summary>
        public static RespondOutcome RunOnThreadPool(IInteraction interaction)
            => Task.Run(() => RunAsync(interaction)).GetAwaiter().GetResult();

        /// <summary>Runs the callers on one thread: the result is deterministic.</summary>
        public static RespondOutcome RunOnSingleThread(IInteraction interaction)
            => SingleThreadSynchronizationContext.Run(() => RunAsync(interaction));

        public static string Describe(string name, RespondOutcome outcome)
            => FormattableString.Invariant($"{name,-24} Responses sent: {outcome.ResponsesSent} (expected 1); second caller: ")
                + (outcome.SecondCallerError is null
                    ? "no exception"
                    : outcome.SecondCallerError.GetType().Name + " \"" + outcome.SecondCallerError.Message + "\"");
    }
}
