using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.SolutionPersistence.Serializer;

namespace AwaitRaceAnalyzer.Cli.Analysis
{
    /// <summary>What <c>awaitrace scan PATH</c> analyses: a solution's C# projects, or project files.</summary>
    internal sealed class ScanTarget
    {
        private ScanTarget(string? solutionPath, IReadOnlyList<string> projectPaths)
        {
            SolutionPath = solutionPath;
            ProjectPaths = projectPaths;
        }

        /// <summary>The .sln or .slnx to open, or null when projects are opened one by one.</summary>
        public string? SolutionPath { get; }

        /// <summary>The full paths of the C# projects to analyse.</summary>
        public IReadOnlyList<string> ProjectPaths { get; }

        /// <summary>
        /// A file is taken as it is; a folder gives its solution (.sln or .slnx, only one allowed), else every .csproj
        /// under it (bin, obj and hidden folders skipped). Returns null with <paramref name="error"/> set otherwise.
        /// </summary>
        public static async Task<(ScanTarget? Target, string? Error)> ResolveAsync(string path, CancellationToken cancellationToken)
        {
            if (Directory.Exists(path))
            {
                var solutions = Directory.EnumerateFiles(path)
                    .Where(f => f.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase))
                    .OrderBy(f => f, StringComparer.Ordinal)
                    .ToList();
                if (solutions.Count > 1)
                {
                    return (null, $"'{path}' holds several solutions ({string.Join(", ", solutions.Select(Path.GetFileName))}): pass the one to scan");
                }

                if (solutions.Count == 1)
                {
                    return await FromSolutionAsync(solutions[0], cancellationToken).ConfigureAwait(false);
                }

                var projects = FindProjects(path).OrderBy(p => p, StringComparer.Ordinal).ToList();
                if (projects.Count == 0)
                {
                    return (null, $"'{path}' holds no .sln, .slnx or .csproj file");
                }

                return (new ScanTarget(null, projects), null);
            }

            var extension = Path.GetExtension(path).ToLowerInvariant();
            switch (extension)
            {
                case ".sln":
                case ".slnx":
                    return await FromSolutionAsync(path, cancellationToken).ConfigureAwait(false);
                case ".csproj":
                    return (new ScanTarget(null, new[] { path }), null);
                default:
                    return (null, $"'{path}' is not a .sln, .slnx or .csproj file, nor a folder");
            }
        }

        private static async Task<(ScanTarget? Target, string? Error)> FromSolutionAsync(string solutionPath, CancellationToken cancellationToken)
        {
            var serializer = SolutionSerializers.GetSerializerByMoniker(solutionPath);
            if (serializer == null)
            {
                return (null, $"'{solutionPath}' is not a solution file this tool can read");
            }

            try
            {
                var model = await serializer.OpenAsync(solutionPath, cancellationToken).ConfigureAwait(false);
                var folder = Path.GetDirectoryName(solutionPath)!;
                var projects = model.SolutionProjects
                    .Select(p => Path.GetFullPath(Path.Combine(folder, p.FilePath.Replace('\\', Path.DirectorySeparatorChar))))
                    .Where(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                if (projects.Count == 0)
                {
                    return (null, $"'{solutionPath}' lists no C# project");
                }

                return (new ScanTarget(solutionPath, projects), null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return (null, $"'{solutionPath}' could not be read: {e.Message}");
            }
        }

        private static IEnumerable<string> FindProjects(string folder)
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.csproj"))
            {
                yield return Path.GetFullPath(file);
            }

            foreach (var sub in Directory.EnumerateDirectories(folder))
            {
                var name = Path.GetFileName(sub);
                if (name.StartsWith(".", StringComparison.Ordinal)
                    || name.Equals("bin", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("obj", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("node_modules", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (var project in FindProjects(sub))
                {
                    yield return project;
                }
            }
        }
    }
}
