using System.Security.Cryptography;

namespace AwaitRaceAnalyzer.Cli.Tests
{
    /// <summary>
    /// A solution written to a temporary folder: <c>Racy</c> (a lost update and a check-then-act), <c>Clean</c> (no
    /// warning; one lazy initialisation, a suggestion by default, and another in a folder whose <c>.editorconfig</c>
    /// sets AWR003 to <c>none</c>) and <c>Broken</c> (a project file that is not XML).
    /// </summary>
    internal sealed class FixtureSolution : IDisposable
    {
        public const string CounterSource =
            "using System.Threading.Tasks;\n" +
            "\n" +
            "namespace Racy\n" +
            "{\n" +
            "    public sealed class Counter\n" +
            "    {\n" +
            "        private int _count;\n" +
            "\n" +
            "        public int Count => _count;\n" +
            "\n" +
            "        public async Task IncrementAsync()\n" +
            "        {\n" +
            "            var current = _count;\n" +
            "            await Task.Delay(1);\n" +
            "            _count = current + 1;\n" +
            "        }\n" +
            "    }\n" +
            "}\n";

        public const string InteractionSource =
            "using System;\n" +
            "using System.Threading.Tasks;\n" +
            "\n" +
            "namespace Racy\n" +
            "{\n" +
            "    public sealed class Interaction\n" +
            "    {\n" +
            "        private readonly object _sync = new object();\n" +
            "\n" +
            "        public bool HasResponded { get; private set; }\n" +
            "\n" +
            "        public async Task RespondAsync(string text)\n" +
            "        {\n" +
            "            lock (_sync)\n" +
            "            {\n" +
            "                if (HasResponded)\n" +
            "                {\n" +
            "                    throw new InvalidOperationException(\"Already responded.\");\n" +
            "                }\n" +
            "            }\n" +
            "\n" +
            "            await SendAsync(text);\n" +
            "            HasResponded = true;\n" +
            "        }\n" +
            "\n" +
            "        private static Task SendAsync(string text) => Task.Delay(text.Length);\n" +
            "    }\n" +
            "}\n";

        /// <summary>Runs the counter's increments together: the evidence of concurrent use that its AWR001 names.</summary>
        public const string DriverSource =
            "using System.Linq;\n" +
            "using System.Threading.Tasks;\n" +
            "\n" +
            "namespace Racy\n" +
            "{\n" +
            "    public static class Driver\n" +
            "    {\n" +
            "        public static Task RunAsync(Counter counter)\n" +
            "            => Task.WhenAll(Enumerable.Range(0, 10).Select(_ => counter.IncrementAsync()));\n" +
            "    }\n" +
            "}\n";

        public const string CleanSource =
            "using System.Threading;\n" +
            "using System.Threading.Tasks;\n" +
            "\n" +
            "namespace Clean\n" +
            "{\n" +
            "    public sealed class SafeCounter\n" +
            "    {\n" +
            "        private int _count;\n" +
            "        private string? _name;\n" +
            "\n" +
            "        public async Task IncrementAsync()\n" +
            "        {\n" +
            "            await Task.Delay(1);\n" +
            "            Interlocked.Increment(ref _count);\n" +
            "        }\n" +
            "\n" +
            "        // A lazy initialisation: AWR003, a suggestion by default, so listed only with --include-suggestions.\n" +
            "        public async Task<string> NameAsync() => _name ??= await LoadAsync();\n" +
            "\n" +
            "        private static async Task<string> LoadAsync()\n" +
            "        {\n" +
            "            await Task.Delay(1);\n" +
            "            return \"clean\";\n" +
            "        }\n" +
            "    }\n" +
            "}\n";

        /// <summary>Another lazy initialisation, in a folder whose .editorconfig turns AWR003 off.</summary>
        public const string QuietSource =
            "using System.Threading.Tasks;\n" +
            "\n" +
            "namespace Clean.Quiet\n" +
            "{\n" +
            "    public sealed class QuietCache\n" +
            "    {\n" +
            "        private object? _value;\n" +
            "\n" +
            "        public async Task<object> GetAsync() => _value ??= await LoadAsync();\n" +
            "\n" +
            "        private static async Task<object> LoadAsync()\n" +
            "        {\n" +
            "            await Task.Delay(1);\n" +
            "            return new object();\n" +
            "        }\n" +
            "    }\n" +
            "}\n";

        private const string LibraryProject =
            "<Project Sdk=\"Microsoft.NET.Sdk\">\n" +
            "  <PropertyGroup>\n" +
            "    <TargetFramework>net10.0</TargetFramework>\n" +
            "    <Nullable>enable</Nullable>\n" +
            "  </PropertyGroup>\n" +
            "</Project>\n";

        public FixtureSolution()
        {
            Root = Path.Combine(Path.GetTempPath(), "awaitrace-fixture-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Write("Fixture.slnx",
                "<Solution>\n" +
                "  <Project Path=\"Racy/Racy.csproj\" />\n" +
                "  <Project Path=\"Clean/Clean.csproj\" />\n" +
                "  <Project Path=\"Broken/Broken.csproj\" />\n" +
                "</Solution>\n");
            Write("Racy/Racy.csproj", LibraryProject);
            Write("Racy/Counter.cs", CounterSource);
            Write("Racy/Interaction.cs", InteractionSource);
            Write("Racy/Driver.cs", DriverSource);
            Write("Clean/Clean.csproj", LibraryProject);
            Write("Clean/SafeCounter.cs", CleanSource);
            Write("Clean/Quiet/QuietCache.cs", QuietSource);
            Write("Clean/Quiet/.editorconfig", "[*.cs]\ndotnet_diagnostic.AWR003.severity = none\n");
            Write("Broken/Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0\n</Project>\n");
            Write("Broken/Broken.cs", "namespace Broken { public class C { } }\n");
        }

        public string Root { get; }

        public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

        /// <summary>A hash of every file under the root except those in obj/ and bin/ (restore writes obj/).</summary>
        public IReadOnlyDictionary<string, string> HashSources()
        {
            var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
                if (relative.Split('/').Any(part => part is "obj" or "bin"))
                {
                    continue;
                }

                hashes[relative] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
            }

            return hashes;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private void Write(string relative, string text)
        {
            var path = PathOf(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
    }
}
