using System;
using System.Threading;
using System.Threading.Tasks;

namespace AwaitRaceAnalyzer.Sample
{
    /// <summary>Lazy initialisation: the settings are loaded on first use and kept.</summary>
    public sealed class SingleFlightSettingsCache : ISettingsCache
    {
        private int _loads;
        private Settings? _settings;
        private Task<Settings>? _settingsLoad;

        public int Loads => Volatile.Read(ref _loads);

        public async Task<Settings> GetAsync()
            => _settings ?? await LoadSettingsOnceAsync(() => LoadAsync());

        private async Task<Settings> LoadSettingsOnceAsync(Func<Task<Settings>> load)
        {
            // One load for all concurrent callers: the first publishes its task, the others await it.
            var claim = new TaskCompletionSource<Settings>(TaskCreationOptions.RunContinuationsAsynchronously);
            var running = Interlocked.CompareExchange(ref _settingsLoad, claim.Task, null);
            if (running != null)
            {
                return await running;
            }

            try
            {
                var value = await load();
                _settings = value;
                claim.SetResult(value);
                return value;
            }
            catch (Exception exception)
            {
                // A failed load is not kept: the next caller starts a new one.
                Volatile.Write(ref _settingsLoad, null);
                claim.SetException(exception);
                throw;
            }
        }

        private async Task<Settings> LoadAsync()
        {
            Interlocked.Increment(ref _loads);
            await Task.Delay(50); // a load takes a while: every caller starts before the first one finishes
            return new Settings("https://settings.example");
        }
    }
}
