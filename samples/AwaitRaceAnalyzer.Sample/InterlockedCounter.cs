using System.Threading;
using System.Threading.Tasks;

namespace AwaitRaceAnalyzer.Sample
{
    /// <summary>The fix "Use Interlocked": the update is one atomic read-modify-write after the await.</summary>
    public sealed class InterlockedCounter : ICounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public async Task IncrementAsync()
        {
            await Task.Delay(1);
            Interlocked.Increment(ref _count);
        }
    }
}
