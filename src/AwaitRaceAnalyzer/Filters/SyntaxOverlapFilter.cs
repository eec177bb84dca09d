using System;
using System.Collections.Generic;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Filters
{
    /// <summary>What the names of a code block say before it is bound.</summary>
    internal enum NameOverlap
    {
        /// <summary>No name it writes is also read: the operation filter would drop it.</summary>
        None,

        /// <summary>Some are, but no suspension point can run between such a read and such a write.</summary>
        NotAcrossSuspension,

        /// <summary>A read of a written name may be followed by a suspension point and then the write.</summary>
        AcrossSuspension,
    }

    /// <summary>
    /// The <see cref="StateOverlapFilter"/> test done on names, before the block is bound: a written location and a
    /// read one can only be the same if the name of the written one (its last member, or its root variable) is also
    /// used somewhere in the body other than as the target of a plain assignment. Names stand for what they may mean
    /// (a trivial property for its field, an unqualified <c>Add</c> or <c>Count</c> for <c>this</c>), a member is
    /// told apart only where the resolver roots it apart (through two variables of the block, or a variable and
    /// <c>this</c>), a bare name that can only be instance state of a single-flow type is no state, and any shape
    /// it cannot name makes it answer <see cref="NameOverlap.AcrossSuspension"/>, so it never rejects a block the
    /// operation filter would keep. Then the order (<see cref="SuspensionOrder"/>): a read can only go stale at the
    /// write if a suspension point can run between them.
    /// </summary>
    internal static class SyntaxOverlapFilter
    {
        /// <param name="locals">What the candidate filter learnt about the block's locals.</param>
        public static NameOverlap Judge(SyntaxNode codeBlock, ISymbol owner, MemberNameScope scope, CandidateLocals locals, CompilationNames compilationNames, AnalysisOptions options, CancellationToken cancellationToken)
        {
            var names = PerThread<BlockNames>.Rent();
            try
            {
                return Judge(names, codeBlock, owner, scope, locals, compilationNames, options, cancellationToken);
            }
            finally
            {
                PerThread<BlockNames>.Return(names);
            }
        }

        private static NameOverlap Judge(BlockNames names, SyntaxNode codeBlock, ISymbol owner, MemberNameScope scope, CandidateLocals locals, CompilationNames compilationNames, AnalysisOptions options, CancellationToken cancellationToken)
        {
            foreach (var node in codeBlock.DescendantNodesAndSelf())
            {
                if (!names.Visit(node))
                {
                    return NameOverlap.AcrossSuspension;
                }
            }

            // A plain local or parameter of this body that no lambda, local function or query may capture is never
            // shared state (the resolver only names captured variables that another flow writes); any other bare name
            // may be. The captured names are the candidate filter's (CapturedNames), found here only if it did not look.
            ISet<string>? captured = null;
            foreach (var name in names.WrittenBare)
            {
                var mayBeVariable = names.Declared.Contains(name);
                if (!mayBeVariable && OnlyNamesSingleFlowState(name, owner, options))
                {
                    continue;
                }

                if (!mayBeVariable
                    || (names.DeclaresFunctions && (captured ??= locals.Captured ?? CapturedNames.Find(codeBlock, names.Captured)).Contains(name))
                    || scope.MayNameMember(name))
                {
                    names.Written.Add(name);
                }
            }

            // Writes through a local that holds a collection created here and never passed on change no shared state.
            foreach (var local in locals.PrivateCollections)
            {
                if (names.WrittenOnlyBare(local))
                {
                    names.Written.Remove(local);
                }
            }

            if (names.Written.Count == 0)
            {
                return NameOverlap.None;
            }

            var overlap = NameOverlap.None;
            foreach (var name in names.Written)
            {
                if (names.ReadFrom.TryGetValue(name, out var from) && names.ReceiversMeet(name, name, null)
                    && Max(ref overlap, Across(names, from, names.WriteAfter[name])) == NameOverlap.AcrossSuspension)
                {
                    return overlap;
                }
            }

            // Only now (most blocks have stopped above) the names trivial accessors stand for: a read of such a
            // member is also a read of the field it stands for, and a write of it a write of that field.
            foreach (var name in names.Written)
            {
                var after = names.WriteAfter[name];
                if (Max(ref overlap, ReadBefore(names, name, name, compilationNames, after, cancellationToken)) == NameOverlap.AcrossSuspension)
                {
                    return overlap;
                }

                foreach (var field in compilationNames.FieldsOf(name, cancellationToken))
                {
                    if (Max(ref overlap, ReadBefore(names, name, field, compilationNames, after, cancellationToken)) == NameOverlap.AcrossSuspension)
                    {
                        return overlap;
                    }
                }
            }

            return overlap;
        }

        /// <summary>
        /// How the reads of <paramref name="readName"/> (itself, or a member that stands for it) relate to a write of
        /// <paramref name="written"/> that completes at <paramref name="writeAfter"/>.
        /// </summary>
        private static NameOverlap ReadBefore(BlockNames names, string written, string readName, CompilationNames compilationNames, int writeAfter, CancellationToken cancellationToken)
        {
            List<string>? members = null;
            var found = names.ReadFrom.TryGetValue(readName, out var from);
            foreach (var member in compilationNames.MembersStandingFor(readName, cancellationToken))
            {
                if (names.ReadFrom.TryGetValue(member, out var memberFrom))
                {
                    (members ??= new List<string>()).Add(member);
                    from = found ? Math.Min(from, memberFrom) : memberFrom;
                    found = true;
                }
            }

            return found && names.ReceiversMeet(written, readName, members) ? Across(names, from, writeAfter) : NameOverlap.None;
        }

        private static NameOverlap Across(BlockNames names, int readFrom, int writeAfter)
            => names.Order.AnySuspensionBetween(readFrom, writeAfter) ? NameOverlap.AcrossSuspension : NameOverlap.NotAcrossSuspension;

        private static NameOverlap Max(ref NameOverlap overlap, NameOverlap found)
            => overlap = found > overlap ? found : overlap;

        /// <summary>
        /// True when a simple name that is not a variable of the block can only denote instance state of a type one
        /// flow owns (<c>await_race.ignored_types</c>; the resolver names no state for it): every member of that name
        /// in the owner's type and its base types is an instance one of such a type, no enclosing type has a member
        /// of that name, no primary constructor a parameter, and no <c>using static</c> can bring one in.
        /// </summary>
        private static bool OnlyNamesSingleFlowState(string name, ISymbol owner, AnalysisOptions options)
        {
            var type = owner.ContainingType;
            if (type is null || !options.IsIgnored(type) || MemberNameScope.HasPrimaryConstructorParameter(type, name))
            {
                return false;
            }

            var found = false;
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    if (member.IsStatic || !options.IsIgnored(member.ContainingType))
                    {
                        return false;
                    }

                    found = true;
                }
            }

            // A static import could also bring a member of that name in; only a name the type itself declares shadows it.
            return found && !MemberNameScope.DeclaredInOrAround(type.ContainingType, name);
        }
    }
}
