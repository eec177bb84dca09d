using System;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.CodeFixes
{
    /// <summary>Picks a name for something a fix declares that nothing else takes: <c>name</c>, else <c>name2</c>, <c>name3</c>, ….</summary>
    internal static class UniqueNames
    {
        /// <summary>The first of <c>name</c>, <c>name2</c>, … for which <paramref name="isTaken"/> is false.</summary>
        public static string Pick(string name, Func<string, bool> isTaken)
        {
            var candidate = name;
            for (var i = 2; isTaken(candidate); i++)
            {
                candidate = name + i;
            }

            return candidate;
        }

        /// <summary>The first of <c>name</c>, <c>name2</c>, … that no symbol in scope at <paramref name="position"/> has.</summary>
        public static string InScopeAt(SemanticModel model, int position, string name)
            => Pick(name, candidate => !model.LookupSymbols(position, name: candidate).IsEmpty);
    }
}
