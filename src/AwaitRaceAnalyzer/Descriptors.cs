using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer
{
    /// <summary>Builds every rule's descriptor the same way: resources, category, help link, tags.</summary>
    internal static class Descriptors
    {
        internal const string Category = "Reliability";
        internal const string HelpLinkBase = "https://github.com/awaitrace/AwaitRaceAnalyzer/blob/main/docs/rules/";

        internal static readonly DiagnosticDescriptor LostUpdate = Create(DiagnosticIds.LostUpdate, nameof(DiagnosticIds.LostUpdate));

        internal static readonly DiagnosticDescriptor CheckThenAct = Create(DiagnosticIds.CheckThenAct, nameof(DiagnosticIds.CheckThenAct));

        /// <summary>A suggestion by default: the usual cost of a racing lazy initialisation is a duplicate load.</summary>
        internal static readonly DiagnosticDescriptor LazyInitialization = Create(DiagnosticIds.LazyInitialization, nameof(DiagnosticIds.LazyInitialization), DiagnosticSeverity.Info);

        /// <summary>A suggestion by default: one flow owns every instance of the type (<see cref="Concurrency.OwnedTypes"/>).</summary>
        internal static readonly DiagnosticDescriptor AdvisoryLostUpdate = Create(DiagnosticIds.AdvisoryLostUpdate, nameof(DiagnosticIds.AdvisoryLostUpdate), DiagnosticSeverity.Info);

        /// <summary>A suggestion by default: nothing in the type says that concurrent callers are expected.</summary>
        internal static readonly DiagnosticDescriptor AdvisoryCheckThenAct = Create(DiagnosticIds.AdvisoryCheckThenAct, nameof(DiagnosticIds.AdvisoryCheckThenAct), DiagnosticSeverity.Info);

        internal static string HelpLink(string id) => HelpLinkBase + id + ".md";

        private static DiagnosticDescriptor Create(string id, string resourcePrefix, DiagnosticSeverity severity = DiagnosticSeverity.Warning)
        {
            return new DiagnosticDescriptor(
                id,
                Resources.Localizable(resourcePrefix + "Title"),
                Resources.Localizable(resourcePrefix + "Message"),
                Category,
                severity,
                isEnabledByDefault: true,
                description: Resources.Localizable(resourcePrefix + "Description"),
                helpLinkUri: HelpLink(id),
                customTags: new[] { "Dataflow" });
        }
    }
}
