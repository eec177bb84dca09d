using AwaitRaceAnalyzer.Flow;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>One write a rule found unsafe, with the read (or test) and the suspension point that make it so.</summary>
    internal sealed class Finding
    {
        public Finding(DiagnosticDescriptor descriptor, in WriteFacts facts, IOperation read, IOperation suspension)
        {
            Descriptor = descriptor;
            Write = facts.Write;
            State = facts.Location;
            UpdateKind = facts.UpdateKind;
            Read = read;
            Suspension = suspension;
        }

        public DiagnosticDescriptor Descriptor { get; private set; }

        /// <summary>An AWR002 that only a weak sign made a warning (<see cref="SignStrength.Weak"/>).</summary>
        public bool RestsOnWeakSigns { get; set; }

        /// <summary>A clause the message adds about the shape (<c>; the wait was decided from it, …</c>); empty for none.</summary>
        public string ShapeClause { get; set; } = string.Empty;

        /// <summary>Why the analysis believes that two tasks meet here; null when the compilation does not show it.</summary>
        public Concurrency.ConcurrencyEvidence? Evidence { get; private set; }

        /// <summary>Makes the finding its advisory counterpart (<see cref="EvidenceRule"/>).</summary>
        public void Demote(DiagnosticDescriptor advisory) => Descriptor = advisory;

        /// <summary>Attaches the evidence of concurrent use, and the rule it makes this finding (<see cref="EvidenceRule"/>).</summary>
        public void Attach(Concurrency.ConcurrencyEvidence evidence, DiagnosticDescriptor descriptor)
        {
            Evidence = evidence;
            Descriptor = descriptor;
        }

        public IOperation Write { get; }

        public IOperation Read { get; }

        public IOperation Suspension { get; }

        public StateLocation State { get; }

        public UpdateKind UpdateKind { get; }
    }
}
