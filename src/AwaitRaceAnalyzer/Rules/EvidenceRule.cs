using AwaitRaceAnalyzer.Concurrency;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// What evidence of concurrent use changes: a check-then-act that the type's own signs left advisory (AWR102)
    /// becomes AWR002 when the compilation runs the method concurrently on one object; every finding names that
    /// evidence in its message and gets the concurrent call site as a location. AWR003 keeps its rule (a harmless
    /// duplicate load is harmless however often it runs) and AWR001 is a warning already.
    /// </summary>
    internal static class EvidenceRule
    {
        public static void Apply(Finding finding, ConcurrencyEvidence? evidence)
        {
            if (evidence is null)
            {
                return;
            }

            var descriptor = finding.Descriptor == AwaitRaceAnalyzer.Descriptors.AdvisoryCheckThenAct
                ? AwaitRaceAnalyzer.Descriptors.CheckThenAct
                : finding.Descriptor;
            finding.Attach(evidence, descriptor);
        }
    }
}
