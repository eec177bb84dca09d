using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Infrastructure
{
    /// <summary>Types the analysis recognises, resolved once per compilation (never held in analyzer fields, RS1008).</summary>
    internal sealed class KnownSymbols
    {
        private KnownSymbols(Compilation compilation)
        {
            SemaphoreSlim = compilation.GetTypeByMetadataName("System.Threading.SemaphoreSlim");
            Interlocked = compilation.GetTypeByMetadataName("System.Threading.Interlocked");
            Volatile = compilation.GetTypeByMetadataName("System.Threading.Volatile");
            AsyncLocal = compilation.GetTypeByMetadataName("System.Threading.AsyncLocal`1");
            ThreadLocal = compilation.GetTypeByMetadataName("System.Threading.ThreadLocal`1");
            Disposable = compilation.GetSpecialType(SpecialType.System_IDisposable);
            AsyncDisposable = compilation.GetTypeByMetadataName("System.IAsyncDisposable");
            Enumerable = compilation.GetSpecialType(SpecialType.System_Collections_IEnumerable);
        }

        public INamedTypeSymbol? SemaphoreSlim { get; }

        public INamedTypeSymbol? Interlocked { get; }

        public INamedTypeSymbol? Volatile { get; }

        public INamedTypeSymbol? AsyncLocal { get; }

        public INamedTypeSymbol? ThreadLocal { get; }

        public INamedTypeSymbol? Disposable { get; }

        public INamedTypeSymbol? AsyncDisposable { get; }

        public INamedTypeSymbol? Enumerable { get; }

        public static KnownSymbols Create(Compilation compilation) => new KnownSymbols(compilation);

        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known)
            => type is not null && known is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);

        public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? @interface)
        {
            if (type is null || @interface is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, @interface))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
