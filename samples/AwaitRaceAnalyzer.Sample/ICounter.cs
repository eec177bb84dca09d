using System.Threading.Tasks;

namespace AwaitRaceAnalyzer.Sample
{
    /// <summary>A counter that many tasks increment at once.</summary>
    public interface ICounter
    {
        int Count { get; }

        Task IncrementAsync();
    }
}
