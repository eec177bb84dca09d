using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Infrastructure
{
    /// <summary>Types the analysis recognises, resolved once per compilation (never held in analyzer fields, RS1008).</summary>
    internal sealed class KnownSymbols
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _byMetadataName = new ConcurrentDictionary<string, INamedTypeSymbol?>();
        private readonly Lazy<INamedTypeSymbol?> _semaphoreSlim;
        private readonly Lazy<INamedTypeSymbol?> _interlocked;
        private readonly Lazy<INamedTypeSymbol?> _volatile;
        private readonly Lazy<INamedTypeSymbol?> _asyncLocal;
        private readonly Lazy<INamedTypeSymbol?> _threadLocal;
        private readonly Lazy<INamedTypeSymbol?> _disposable;
        private readonly Lazy<INamedTypeSymbol?> _asyncDisposable;
        private readonly Lazy<INamedTypeSymbol?> _enumerable;

        private KnownSymbols(Compilation compilation)
        {
            _compilation = compilation;
            Names = new State.CompilationNames(compilation);

            // Resolved on first use: a compilation with no candidate body never pays for the metadata lookups.
            _semaphoreSlim = ByName(WellKnownNames.SemaphoreSlim);
            _interlocked = ByName(WellKnownNames.Interlocked);
            _volatile = ByName(WellKnownNames.Volatile);
            _asyncLocal = ByName(WellKnownNames.AsyncLocal);
            _threadLocal = ByName(WellKnownNames.ThreadLocal);
            _disposable = new Lazy<INamedTypeSymbol?>(() => compilation.GetSpecialType(SpecialType.System_IDisposable));
            _asyncDisposable = ByName(WellKnownNames.AsyncDisposable);
            _enumerable = new Lazy<INamedTypeSymbol?>(() => compilation.GetSpecialType(SpecialType.System_Collections_IEnumerable));
        }

        public INamedTypeSymbol? SemaphoreSlim => _semaphoreSlim.Value;

        public INamedTypeSymbol? Interlocked => _interlocked.Value;

        public INamedTypeSymbol? Volatile => _volatile.Value;

        public INamedTypeSymbol? AsyncLocal => _asyncLocal.Value;

        public INamedTypeSymbol? ThreadLocal => _threadLocal.Value;

        public INamedTypeSymbol? Disposable => _disposable.Value;

        public INamedTypeSymbol? AsyncDisposable => _asyncDisposable.Value;

        public INamedTypeSymbol? Enumerable => _enumerable.Value;

        /// <summary>Any type by metadata name (table rows name their types this way), looked up once per compilation.</summary>
        public INamedTypeSymbol? ByMetadataName(string metadataName)
            => _byMetadataName.GetOrAdd(metadataName, name => _compilation.GetTypeByMetadataName(name));

        /// <summary>Trivial getters and setters of this compilation, summarised on first use.</summary>
        public State.TrivialAccessors Accessors { get; } = new State.TrivialAccessors();

        /// <summary>The same, by name and from syntax only, for the pre-filter that runs before binding.</summary>
        public State.CompilationNames Names { get; }

        /// <summary>Parameters whose every caller passes an object of its own, decided on first use.</summary>
        public State.CallerArguments Callers { get; } = new State.CallerArguments();

        public static KnownSymbols Create(Compilation compilation) => new KnownSymbols(compilation);

        private Lazy<INamedTypeSymbol?> ByName(string metadataName) => new Lazy<INamedTypeSymbol?>(() => ByMetadataName(metadataName));

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
