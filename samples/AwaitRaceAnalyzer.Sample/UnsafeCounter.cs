using System.Threading.Tasks;

namespace AwaitRaceAnalyzer.Sample
{
    /// <summary>The reference bug: read shared state, await, write back a value computed from the stale read.</summary>
    public sealed class UnsafeCounter : ICounter
    {
        private int _count;

        public int Count => _count;

        public async Task IncrementAsync()
        {
            var current = _count;      // read shared state
            await Task.Delay(1);       // other tasks run here
            _count = current + 1;      // AWR001: write back a stale value, updates are lost
        }
    }
}
