using System.Threading.Tasks;

namespace AwaitRaceAnalyzer.Sample
{
    /// <summary>Settings loaded on first use and kept: many callers ask for them at once.</summary>
    public interface ISettingsCache
    {
        int Loads { get; }

        Task<Settings> GetAsync();
    }
}
