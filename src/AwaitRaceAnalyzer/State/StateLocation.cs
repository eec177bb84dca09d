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

        public StateLocation(StateLocationKind kind, object root, ImmutableArray<ISymbol> members, object? elementKey, string display)
        {
            Kind = kind;
            Root = root;
            Members = members;
            ElementKey = elementKey;
            Display = display;
        }

        public StateLocationKind Kind { get; }

        /// <summary><see cref="ThisRoot"/>, a type symbol (static members) or a local/parameter symbol.</summary>
        public object Root { get; }

        public ImmutableArray<ISymbol> Members { get; }

        /// <summary>For <see cref="StateLocationKind.Element"/>: a symbol or constant naming the key; null for any key.</summary>
        public object? ElementKey { get; }

        /// <summary>Source text used in messages, for example <c>_count</c> or <c>_map[key]</c>.</summary>
        public string Display { get; }

        public ISymbol? LastMember => Members.IsDefaultOrEmpty ? null : Members[Members.Length - 1];

        /// <summary>The location with any element key dropped: every element of the same container.</summary>
        public StateLocation Container()
            => ElementKey is null ? this : new StateLocation(Kind, Root, Members, null, Display);

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
