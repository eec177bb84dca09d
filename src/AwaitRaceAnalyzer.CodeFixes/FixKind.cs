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
        /// The <c>.editorconfig</c> key that picks the preferred fix: <c>interlocked</c> (default),
        /// <c>semaphore_slim</c> or <c>read_after_await</c>. The preferred fix is offered first where it applies, so the
        /// IDE shows it on top and <c>dotnet format analyzers</c> (which applies the first fix offered) uses it.
        /// </summary>
        public const string PreferredFixOption = "await_race.preferred_code_fix";

        /// <summary>The order in which fixes are offered, preferred first.</summary>
        public static FixKind[] OfferOrder(string? preferredOption)
        {
            var preferred = preferredOption?.Trim().ToLowerInvariant() switch
            {
                "semaphore_slim" => FixKind.ProtectWithSemaphoreSlim,
                "read_after_await" => FixKind.ReadAfterAwait,
                _ => FixKind.UseInterlocked,
            };
            var order = new System.Collections.Generic.List<FixKind> { preferred };
            foreach (var kind in new[] { FixKind.UseInterlocked, FixKind.ProtectWithSemaphoreSlim, FixKind.ReadAfterAwait })
            {
                if (kind != preferred)
                {
                    order.Add(kind);
                }
            }

            return order.ToArray();
        }

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

        public static string TitleOf(FixKind kind, string state)
            => kind switch
            {
                FixKind.UseInterlocked => $"Use Interlocked to update '{state}'",
                FixKind.ReadAfterAwait => $"Read '{state}' after the await",
                _ => $"Protect '{state}' with a SemaphoreSlim",
            };
    }
}
