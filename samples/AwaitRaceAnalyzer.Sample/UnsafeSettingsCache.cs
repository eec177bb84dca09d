using System.Threading;
using System.Threading.Tasks;

namespace AwaitRaceAnalyzer.Sample
{
    /// <summary>Lazy initialisation: the settings are loaded on first use and kept.</summary>
    public sealed class UnsafeSettingsCache : ISettingsCache
    {
        private int _loads;
        private Settings? _settings;

        public int Loads => Volatile.Read(ref _loads);

        public async Task<Settings> GetAsync()
            => _settings ??= await LoadAsync();

        private async Task<Settings> LoadAsync()
        {
            Interlocked.Increment(ref _loads);
            await Task.Delay(50); // a load takes a while: every caller starts before the first one finishes
            return new Settings("https://settings.example");
        }
    }
}
