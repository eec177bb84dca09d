using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwaitRaceAnalyzer.Bench;

/// <summary>Loads the analyzers of the peer packs from their NuGet packages (paths baked in at build time).</summary>
internal static class PeerPacks
{
    public static IReadOnlyList<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)> Load()
    {
        var result = new List<(string, ImmutableArray<DiagnosticAnalyzer>)>();
        foreach (var metadata in typeof(PeerPacks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (!metadata.Key.StartsWith("peer:", StringComparison.Ordinal) || string.IsNullOrEmpty(metadata.Value))
            {
                continue;
            }

            var folder = AnalyzerFolder(metadata.Value);
            var loader = new Loader(folder);
            var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            foreach (var dll in Directory.GetFiles(folder, "*.dll"))
            {
                var reference = new AnalyzerFileReference(dll, loader);
                analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
            }

            result.Add((metadata.Key.Substring("peer:".Length), analyzers.ToImmutable()));
        }

        return result;
    }

    /// <summary>The folder of C# analyzers; for packs built per Roslyn version, the newest one this Roslyn can load.</summary>
    private static string AnalyzerFolder(string packageRoot)
    {
        var analyzers = Path.Combine(packageRoot, "analyzers");
        var roslyn = typeof(Compilation).Assembly.GetName().Version!;
        var dotnet = Path.Combine(analyzers, "dotnet");
        var versioned = (Directory.Exists(dotnet) ? Directory.GetDirectories(dotnet, "roslyn*", SearchOption.TopDirectoryOnly) : Array.Empty<string>())
            .Select(d => (Path: Path.Combine(d, "cs"), Version: Version.TryParse(Path.GetFileName(d).Substring("roslyn".Length), out var v) ? v : null))
            .Where(d => d.Version is not null && d.Version <= roslyn && Directory.Exists(d.Path))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Path)
            .FirstOrDefault();
        if (versioned is not null)
        {
            return versioned;
        }

        foreach (var candidate in new[] { Path.Combine(analyzers, "dotnet", "cs"), Path.Combine(analyzers, "cs") })
        {
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No C# analyzers under " + analyzers);
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        private readonly string _folder;

        public Loader(string folder)
        {
            _folder = folder;
            AssemblyLoadContext.Default.Resolving += (context, name) =>
            {
                var path = Path.Combine(_folder, name.Name + ".dll");
                return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
            };
        }

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
    }
}
