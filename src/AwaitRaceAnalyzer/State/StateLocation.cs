using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.State
{
    internal enum StateLocationKind
    {
        /// <summary>A local or parameter captured by a lambda or local function.</summary>
        Variable,

        /// <summary>A field or property, reached from <c>this</c>, a type (static) or a variable.</summary>
        Member,

        /// <summary>The contents of an array, indexer or collection, optionally narrowed to one key.</summary>
        Element,
    }

    /// <summary>
    /// A piece of shared state, named by an access path: a root (<c>this</c>, a type for statics, a variable) followed
    /// by members. Two reads or writes refer to the same state when their paths are equal; element locations with an
    /// unknown key overlap every element of the same container.
    /// </summary>
    internal sealed class StateLocation : IEquatable<StateLocation>
    {
        /// <summary>The root of paths that start at <c>this</c>.</summary>
        internal static readonly object ThisRoot = new object();

        private readonly Func<string>? _describe;
        private string? _display;

        public StateLocation(StateLocationKind kind, object root, ImmutableArray<ISymbol> members, object? elementKey, string display)
        {
            Kind = kind;
            Root = root;
            Members = members;
            ElementKey = elementKey;
            _display = display;
        }

        /// <summary>
        /// A location whose message text is built only if a diagnostic names it: most resolved locations are never
        /// reported, and building the text (source text, joined names) was a large part of resolving.
        /// </summary>
        public StateLocation(StateLocationKind kind, object root, ImmutableArray<ISymbol> members, object? elementKey, Func<string> describe)
        {
            Kind = kind;
            Root = root;
            Members = members;
            ElementKey = elementKey;
            _describe = describe;
        }

        public StateLocationKind Kind { get; }

        /// <summary><see cref="ThisRoot"/>, a type symbol (static members) or a local/parameter symbol.</summary>
        public object Root { get; }

        public ImmutableArray<ISymbol> Members { get; }

        /// <summary>For <see cref="StateLocationKind.Element"/>: a symbol or constant naming the key; null for any key.</summary>
        public object? ElementKey { get; }

        /// <summary>Source text used in messages, for example <c>_count</c> or <c>_map[key]</c>.</summary>
        public string Display => _display ??= _describe!();

        public ISymbol? LastMember => Members.IsDefaultOrEmpty ? null : Members[Members.Length - 1];

        /// <summary>The location with any element key dropped: every element of the same container.</summary>
        public StateLocation Container()
            => ElementKey is null ? this : new StateLocation(Kind, Root, Members, null, () => Display);

        /// <summary>True when a write to one location can overwrite what a read of the other saw.</summary>
        public bool Overlaps(StateLocation other)
        {
            if (Kind != other.Kind || !SameContainer(other))
            {
                return false;
            }

            return Kind != StateLocationKind.Element
                || ElementKey is null
                || other.ElementKey is null
                || KeyEquals(ElementKey, other.ElementKey);
        }

        /// <summary>
        /// True when a write of <paramref name="write"/> can overwrite what a read of this location saw: the two
        /// overlap, or the write replaces an object this location is a part of (a write of <c>_settings</c> replaces
        /// what a read of <c>_settings.Volume</c> or <c>_settings.Items[k]</c> saw).
        /// </summary>
        public bool IsAffectedBy(StateLocation write)
        {
            if (Overlaps(write))
            {
                return true;
            }

            if (write.Kind != StateLocationKind.Member || Kind == StateLocationKind.Variable
                || !KeyEquals(Root, write.Root) || Members.Length < write.Members.Length
                || (Members.Length == write.Members.Length && Kind != StateLocationKind.Element))
            {
                return false;
            }

            for (var i = 0; i < write.Members.Length; i++)
            {
                if (!SymbolEqualityComparer.Default.Equals(Members[i], write.Members[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>This location and every object it is a part of, outermost last (<c>_a.B.C</c>, <c>_a.B</c>, <c>_a</c>).</summary>
        public System.Collections.Generic.IEnumerable<StateLocation> AndContainingObjects()
        {
            yield return this;
            for (var length = Kind == StateLocationKind.Element ? Members.Length : Members.Length - 1; length > 0; length--)
            {
                yield return new StateLocation(StateLocationKind.Member, Root, Members.RemoveRange(length, Members.Length - length), null, () => Display);
            }
        }

        public bool Equals(StateLocation? other)
            => other is not null && Kind == other.Kind && SameContainer(other) && KeyEquals(ElementKey, other.ElementKey);

        public override bool Equals(object? obj) => Equals(obj as StateLocation);

        public override int GetHashCode()
        {
            var hash = ((int)Kind * 397) ^ KeyHash(Root);
            foreach (var member in Members)
            {
                hash = (hash * 31) ^ SymbolEqualityComparer.Default.GetHashCode(member);
            }

            return hash;
        }

        public override string ToString() => Display;

        private bool SameContainer(StateLocation other)
        {
            if (!KeyEquals(Root, other.Root) || Members.Length != other.Members.Length)
            {
                return false;
            }

            for (var i = 0; i < Members.Length; i++)
            {
                if (!SymbolEqualityComparer.Default.Equals(Members[i], other.Members[i]))
                {
                    return false;
                }
            }

            return true;
        }

        internal static bool KeyEquals(object? left, object? right)
        {
            if (left is ISymbol leftSymbol && right is ISymbol rightSymbol)
            {
                return SymbolEqualityComparer.Default.Equals(leftSymbol, rightSymbol);
            }

            return Equals(left, right);
        }

        internal static int KeyHash(object? key)
            => key is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : key?.GetHashCode() ?? 0;
    }
}
