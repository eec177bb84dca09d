using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Infrastructure
{
    /// <summary>Types the analysis recognises, resolved once per compilation (never held in analyzer fields, RS1008).</summary>
    internal sealed class KnownSymbols
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _byMetadataName = new ConcurrentDictionary<string, INamedTypeSymbol?>();

        private KnownSymbols(Compilation compilation)
        {
            _compilation = compilation;
            SemaphoreSlim = compilation.GetTypeByMetadataName(WellKnownNames.SemaphoreSlim);
            Interlocked = compilation.GetTypeByMetadataName(WellKnownNames.Interlocked);
            Volatile = compilation.GetTypeByMetadataName(WellKnownNames.Volatile);
            AsyncLocal = compilation.GetTypeByMetadataName(WellKnownNames.AsyncLocal);
            ThreadLocal = compilation.GetTypeByMetadataName(WellKnownNames.ThreadLocal);
            Disposable = compilation.GetSpecialType(SpecialType.System_IDisposable);
            AsyncDisposable = compilation.GetTypeByMetadataName(WellKnownNames.AsyncDisposable);
            Enumerable = compilation.GetSpecialType(SpecialType.System_Collections_IEnumerable);
            Names = new State.CompilationNames(compilation);
        }

        public INamedTypeSymbol? SemaphoreSlim { get; }

        public INamedTypeSymbol? Interlocked { get; }

        public INamedTypeSymbol? Volatile { get; }

        public INamedTypeSymbol? AsyncLocal { get; }

        public INamedTypeSymbol? ThreadLocal { get; }

        public INamedTypeSymbol? Disposable { get; }

        public INamedTypeSymbol? AsyncDisposable { get; }

        public INamedTypeSymbol? Enumerable { get; }

        /// <summary>Any type by metadata name (table rows name their types this way), looked up once per compilation.</summary>
        public INamedTypeSymbol? ByMetadataName(string metadataName)
            => _byMetadataName.GetOrAdd(metadataName, name => _compilation.GetTypeByMetadataName(name));

        /// <summary>Trivial getters and setters of this compilation, summarised on first use.</summary>
        public State.TrivialAccessors Accessors { get; } = new State.TrivialAccessors();

        /// <summary>The same, by name and from syntax only, for the pre-filter that runs before binding.</summary>
        public State.CompilationNames Names { get; }

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
