using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace AwaitRaceAnalyzer.Sample
{
    /// <summary>
    /// A synchronization context that runs every continuation on the calling thread, one at a time, as a UI thread or
    /// an asyncio event loop does.
    /// </summary>
    public sealed class SingleThreadSynchronizationContext : SynchronizationContext
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue =
            new BlockingCollection<(SendOrPostCallback Callback, object? State)>();

        public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Send is not supported on a single-threaded context.");

        /// <summary>Runs <paramref name="body"/> and all its continuations on the current thread and returns its result.</summary>
        public static T Run<T>(Func<Task<T>> body)
        {
            var previous = Current;
            var context = new SingleThreadSynchronizationContext();
            SetSynchronizationContext(context);
            try
            {
                var task = body();
                task.ContinueWith(_ => context._queue.CompleteAdding(), TaskScheduler.Default);
                foreach (var (callback, state) in context._queue.GetConsumingEnumerable())
                {
                    callback(state);
                }

                return task.GetAwaiter().GetResult();
            }
            finally
            {
                SetSynchronizationContext(previous);
            }
        }
    }
}
