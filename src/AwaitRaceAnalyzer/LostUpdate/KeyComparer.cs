using System.Collections.Generic;

namespace AwaitRaceAnalyzer.LostUpdate
{
    /// <summary>Compares the keys of flow states: symbols by <c>SymbolEqualityComparer</c>, anything else by value.</summary>
    internal sealed class KeyComparer : IEqualityComparer<object>
    {
        public static readonly KeyComparer Instance = new KeyComparer();

        public new bool Equals(object? x, object? y) => StateLocation.KeyEquals(x, y);

        public int GetHashCode(object obj) => StateLocation.KeyHash(obj);
    }
}
