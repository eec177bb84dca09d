using System.Threading.Tasks;

namespace AwaitRaceAnalyzer.Sample
{
    /// <summary>An interaction that accepts one response: a second <see cref="RespondAsync"/> throws <see cref="System.InvalidOperationException"/>.</summary>
    public interface IInteraction
    {
        int ResponsesSent { get; }

        Task RespondAsync(string text);
    }
}
