using System;
using System.Collections.Generic;

namespace AwaitRaceAnalyzer.Filters
{
    /// <summary>
    /// What the candidate filter learnt about the locals of a block it keeps, handed to <see cref="SyntaxOverlapFilter"/>
    /// so that it does not work them out again.
    /// </summary>
    internal sealed class CandidateLocals
    {
        public static readonly CandidateLocals None = new CandidateLocals(Array.Empty<string>(), null);

        public CandidateLocals(IReadOnlyCollection<string> privateCollections, ISet<string>? captured)
        {
            PrivateCollections = privateCollections;
            Captured = captured;
        }

        /// <summary>
        /// Locals whose collection the block changes, that hold one created in the block and never passed on, aliased
        /// or replaced: writes through them change no shared state.
        /// </summary>
        public IReadOnlyCollection<string> PrivateCollections { get; }

        /// <summary>The names a lambda, local function or query of the block may capture (<see cref="CapturedNames"/>); null when not looked for.</summary>
        public ISet<string>? Captured { get; }
    }
}
