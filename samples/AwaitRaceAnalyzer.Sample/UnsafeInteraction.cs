using System;
using System.Threading;
using System.Threading.Tasks;

namespace AwaitRaceAnalyzer.Sample
{
    /// <summary>A once-guard: an interaction accepts one response, and a second <see cref="RespondAsync"/> throws.</summary>
    public sealed class UnsafeInteraction : IInteraction
    {
        private readonly object _sync = new object();
        private int _responsesSent;

        public bool HasResponded { get; private set; }

        public int ResponsesSent => Volatile.Read(ref _responsesSent);

        public async Task RespondAsync(string text)
        {
            lock (_sync)
            {
                if (HasResponded)
                {
                    throw new InvalidOperationException("This interaction has already been responded to.");
                }
            }

            await SendAsync(text);
            HasResponded = true;
        }

        private async Task SendAsync(string text)
        {
            Interlocked.Increment(ref _responsesSent);
            await Task.Delay(1);
        }
    }
}
