namespace AwaitRaceAnalyzer.CodeFixes
{
    /// <summary>The code actions on offer. Each has a stable, non-localized equivalence key (RS1010/RS1011).</summary>
    public enum FixKind
    {
        ProtectWithSemaphoreSlim,
        UseInterlocked,
        ReadAfterAwait,
    }

    public static class FixKinds
    {
        public const string ProtectWithSemaphoreSlimKey = "AwaitRace.ProtectWithSemaphoreSlim";
        public const string UseInterlockedKey = "AwaitRace.UseInterlocked";
        public const string ReadAfterAwaitKey = "AwaitRace.ReadAfterAwait";

        /// <summary>
        /// The <c>.editorconfig</c> key that picks the fix applied when no fix is named, as in
        /// <c>dotnet format analyzers</c>: <c>semaphore_slim</c> (default), <c>interlocked</c> or <c>read_after_await</c>.
        /// A diagnostic that the chosen fix cannot handle gets the SemaphoreSlim fix.
        /// </summary>
        public const string DefaultFixOption = "await_race.default_code_fix";

        public static string KeyOf(FixKind kind)
            => kind switch
            {
                FixKind.UseInterlocked => UseInterlockedKey,
                FixKind.ReadAfterAwait => ReadAfterAwaitKey,
                _ => ProtectWithSemaphoreSlimKey,
            };

        public static FixKind? FromKey(string? key)
            => key switch
            {
                ProtectWithSemaphoreSlimKey => FixKind.ProtectWithSemaphoreSlim,
                UseInterlockedKey => FixKind.UseInterlocked,
                ReadAfterAwaitKey => FixKind.ReadAfterAwait,
                _ => null,
            };

        public static FixKind FromOption(string? value)
            => value?.Trim().ToLowerInvariant() switch
            {
                "interlocked" => FixKind.UseInterlocked,
                "read_after_await" => FixKind.ReadAfterAwait,
                _ => FixKind.ProtectWithSemaphoreSlim,
            };

        public static string TitleOf(FixKind kind, string state)
            => kind switch
            {
                FixKind.UseInterlocked => $"Use Interlocked to update '{state}'",
                FixKind.ReadAfterAwait => $"Read '{state}' after the await",
                _ => $"Protect '{state}' with a SemaphoreSlim",
            };
    }
}
