namespace AwaitRaceAnalyzer
{
    /// <summary>
    /// Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> that tell a code fix what the analyzer saw,
    /// so the fix never has to rerun the flow analysis.
    /// </summary>
    public static class DiagnosticProperties
    {
        /// <summary>The kind of shared state written: one of the <see cref="StateKinds"/> values.</summary>
        public const string StateKind = "StateKind";

        /// <summary>The display text of the shared state, for example <c>_count</c>.</summary>
        public const string StateName = "StateName";

        /// <summary>How the written value relates to the stale read: one of the <see cref="UpdateKinds"/> values.</summary>
        public const string UpdateKind = "UpdateKind";

        /// <summary>
        /// Why two tasks meet at the write, when the compilation shows it (<c>GetAsync runs concurrently on one Cache
        /// (Task.WhenAll in Page.LoadAsync)</c>); absent otherwise. The call site is the third additional location.
        /// </summary>
        public const string Evidence = "Evidence";

        /// <summary>Values of <see cref="StateKind"/>.</summary>
        public static class StateKinds
        {
            public const string Field = "Field";
            public const string StaticField = "StaticField";
            public const string Property = "Property";
            public const string CapturedVariable = "CapturedVariable";
            public const string Element = "Element";
        }

        /// <summary>Values of <see cref="UpdateKind"/>.</summary>
        public static class UpdateKinds
        {
            /// <summary>A compound assignment, increment or decrement (<c>x += v</c>, <c>x++</c>).</summary>
            public const string Compound = "Compound";

            /// <summary>A plain assignment of a value derived from an earlier read (<c>x = c + 1</c>).</summary>
            public const string Assignment = "Assignment";

            /// <summary>A mutating call on a shared collection (<c>Add</c>, <c>TryAdd</c>, ...).</summary>
            public const string CollectionCall = "CollectionCall";
        }
    }
}
