namespace AwaitRaceAnalyzer.CodeFixes
{
    /// <summary>A planned fix for one diagnostic, ready to be applied to its document's edit session.</summary>
    internal interface IFixPlan
    {
        /// <summary>Records the edit in <paramref name="session"/>; plans applied to one session never overlap.</summary>
        void Apply(DocumentEditSession session);
    }
}
