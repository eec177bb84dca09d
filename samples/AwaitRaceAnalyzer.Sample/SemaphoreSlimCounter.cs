using System.Threading;
using System.Threading.Tasks;

namespace AwaitRaceAnalyzer.Sample
{
    /// <summary>The fix "Protect with a SemaphoreSlim": the read, the await and the write run as one section.</summary>
    public sealed class SemaphoreSlimCounter : ICounter
    {
        private readonly SemaphoreSlim _countGate = new SemaphoreSlim(1, 1);
        private int _count;

        public int Count => _count;

        public async Task IncrementAsync()
        {
            await _countGate.WaitAsync();
            try
            {
                var current = _count;
                await Task.Delay(1);
                _count = current + 1;
            }
            finally
            {
                _countGate.Release();
            }
        }
    }
}
