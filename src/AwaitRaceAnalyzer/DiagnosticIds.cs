namespace AwaitRaceAnalyzer
{
    /// <summary>The IDs of every rule. 0xx: correctness rules; 1xx: advisory rules.</summary>
    public static class DiagnosticIds
    {
        /// <summary>A write to shared state computed from a value read before a suspension point.</summary>
        public const string LostUpdate = "AWR001";

        /// <summary>A write to shared state guarded by a test of that state made before a suspension point.</summary>
        public const string CheckThenAct = "AWR002";

        /// <summary>State found missing, filled from an awaited load, and stored: concurrent callers each run the load.</summary>
        public const string LazyInitialization = "AWR003";

        /// <summary>The AWR001 shape on an object whose every instance one flow owns (advisory).</summary>
        public const string AdvisoryLostUpdate = "AWR101";

        /// <summary>The AWR002 shape in a type whose code shows no sign of concurrent use (advisory).</summary>
        public const string AdvisoryCheckThenAct = "AWR102";
    }
}
