using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.LostUpdate
{
    /// <summary>One write that the flow analysis found unsafe, with the read and the suspension point that make it so.</summary>
    internal sealed class Finding
    {
        public Finding(DiagnosticDescriptor rule, IOperation write, IOperation read, IOperation suspension, StateLocation state, string updateKind)
        {
            Rule = rule;
            Write = write;
            Read = read;
            Suspension = suspension;
            State = state;
            UpdateKind = updateKind;
        }

        public DiagnosticDescriptor Rule { get; }

        public IOperation Write { get; }

        public IOperation Read { get; }

        public IOperation Suspension { get; }

        public StateLocation State { get; }

        public string UpdateKind { get; }
    }
}
