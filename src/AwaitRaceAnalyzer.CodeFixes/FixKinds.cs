namespace AwaitRaceAnalyzer.CodeFixes
{
    /// <summary>
    /// The stable, non-localized equivalence keys of the code actions (RS1010/RS1011), public for callers that name a
    /// fix (tests, a fix-all). Everything else about a fix is its row in <see cref="FixDefinitions"/>.
    /// </summary>
    public static class FixKinds
    {
        public const string ProtectWithSemaphoreSlimKey = "AwaitRace.ProtectWithSemaphoreSlim";
        public const string UseInterlockedKey = "AwaitRace.UseInterlocked";
        public const string ReadAfterAwaitKey = "AwaitRace.ReadAfterAwait";
        public const string SingleFlightKey = "AwaitRace.SingleFlight";
        public const string ClaimBeforeAwaitKey = "AwaitRace.ClaimBeforeAwait";
    }
}
