using System;
using System.IO;

namespace AwaitRaceAnalyzer.Cli.Reports
{
    /// <summary>How the reports spell file paths.</summary>
    internal static class Paths
    {
        /// <summary>The path relative to <paramref name="currentDirectory"/> when it lies under it, else the full path.</summary>
        public static string Display(string path, string currentDirectory)
        {
            var full = Path.GetFullPath(path);
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(currentDirectory)) + Path.DirectorySeparatorChar;
            var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            return full.StartsWith(root, comparison) ? full.Substring(root.Length) : full;
        }
    }
}
