namespace AwaitRaceAnalyzer.CodeFixes
{
    /// <summary>The code actions on offer. What each one is (key, title, planner) is a row of <see cref="FixDefinitions"/>.</summary>
    public enum FixKind
    {
        ProtectWithSemaphoreSlim,
        UseInterlocked,
        ReadAfterAwait,
    }

    /// <summary>The stable, non-localized equivalence key of each code action (RS1010/RS1011), for callers outside this assembly.</summary>
    public static class FixKinds
    {
        public const string ProtectWithSemaphoreSlimKey = "AwaitRace.ProtectWithSemaphoreSlim";
        public const string UseInterlockedKey = "AwaitRace.UseInterlocked";
        public const string ReadAfterAwaitKey = "AwaitRace.ReadAfterAwait";
    }
}
