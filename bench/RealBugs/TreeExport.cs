// Reads commits from a clone and writes a commit's tree into a temporary folder, leaving the clone untouched.
using System.Diagnostics;

namespace AwaitRaceAnalyzer.RealBugs;

/// <summary>
/// A commit's C# sources and MSBuild files in a temporary folder (git archive, then tar); deleted on dispose. Only
/// those files are taken: it is faster, and some clones lack the blobs of large binary files, which makes a whole
/// archive fail.
/// </summary>
internal sealed class TreeExport : IDisposable
{
    private static readonly string[] Extensions = { ".cs", ".csproj", ".xproj", ".props", ".targets" };

    private TreeExport(string root) => Root = root;

    public string Root { get; }

    /// <summary>Writes the tree of the commit; throws with git's or tar's message when it fails.</summary>
    public static TreeExport Create(string clone, string commit)
    {
        var root = Path.Combine(Path.GetTempPath(), "realbugs-" + commit.Substring(0, 12) + "-" + Guid.NewGuid().ToString("N").Substring(0, 6));
        Directory.CreateDirectory(root);
        var export = new TreeExport(root);
        try
        {
            var archive = root + ".tar";
            try
            {
                // A pathspec that matches nothing fails the archive, so only the kinds of file the commit has are asked for.
                var names = Run("git", "-C", clone, "ls-tree", "-r", "--name-only", commit).Split('\n');
                var pathspecs = Extensions.Where(e => names.Any(n => n.EndsWith(e, StringComparison.OrdinalIgnoreCase))).Select(e => ":(glob,icase)**/*" + e);
                Run("git", new[] { "-C", clone, "archive", "--format=tar", "-o", archive, commit, "--" }.Concat(pathspecs).ToArray());
                Run("tar", "-xf", archive, "-C", root);
            }
            finally
            {
                File.Delete(archive);
            }

            return export;
        }
        catch
        {
            export.Dispose();
            throw;
        }
    }

    /// <summary>The first parent of the commit, or null when the clone does not have the commit.</summary>
    public static string? Parent(string clone, string commit)
    {
        try
        {
            return Run("git", "-C", clone, "rev-parse", "--verify", "--quiet", commit + "^1^{commit}").Trim();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the temp folder is left behind.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Runs the program and returns its output; throws when it exits with an error.</summary>
    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(" ", arguments)} failed: {error.Result.Trim().Replace('\n', ' ')}");
        }

        return output;
    }
}
