namespace AwaitRaceAnalyzer.Sample
{
    /// <summary>What the settings cache loads.</summary>
    public sealed class Settings
    {
        public Settings(string endpoint) => Endpoint = endpoint;

        public string Endpoint { get; }
    }
}
