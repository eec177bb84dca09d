// Turns a project (read naively) into what one compilation needs: source files, preprocessor symbols, global usings, frameworks.
using System.Text.RegularExpressions;

namespace AwaitRaceAnalyzer.RealBugs;

internal sealed class ProjectSources
{
    private static readonly string[] SdkUsings =
        { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks" };

    private static readonly string[] HostingUsings =
    {
        "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting",
        "Microsoft.Extensions.Logging",
    };

    private static readonly string[] WebUsings =
    {
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing",
    };

    private ProjectSources(ProjectFile project) => Project = project;

    public ProjectFile Project { get; }

    public List<string> Files { get; } = new();

    public string TargetFramework { get; private set; } = TargetFrameworks.Fallback;

    public List<string> PreprocessorSymbols { get; } = new();

    /// <summary>Global using directives, as C# lines ("global using global::System;").</summary>
    public List<string> GlobalUsings { get; } = new();

    /// <summary>
    /// The project uses ASP.NET Core: the Web, Razor or Blazor WebAssembly SDK, or a FrameworkReference to
    /// Microsoft.AspNetCore.App. (Razor class libraries take the same types from packages, which are not available.)
    /// </summary>
    public bool AspNetCore { get; private set; }

    public static ProjectSources Read(string projectPath, string repositoryRoot)
    {
        var sources = new ProjectSources(ProjectFile.Read(projectPath, repositoryRoot));
        sources.FindFrameworkAndSymbols();
        sources.FindUsings();
        sources.FindFiles();
        return sources;
    }

    private ProjectFile P => Project;

    private void FindFrameworkAndSymbols()
    {
        var frameworks = (P.Property("TargetFrameworks") + ";" + P.Property("TargetFramework")).Split(';', StringSplitOptions.RemoveEmptyEntries);
        TargetFramework = TargetFrameworks.Newest(frameworks);
        PreprocessorSymbols.AddRange(TargetFrameworks.Symbols(TargetFramework));
        PreprocessorSymbols.AddRange(new[] { "RELEASE", "TRACE" });
        foreach (var constant in P.Property("DefineConstants").Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Regex.IsMatch(constant, "^[A-Za-z_][A-Za-z0-9_]*$") && !PreprocessorSymbols.Contains(constant))
            {
                PreprocessorSymbols.Add(constant);
            }
        }

        AspNetCore = HasSdk("Microsoft.NET.Sdk.Web") || HasSdk("Microsoft.NET.Sdk.Razor") || HasSdk("Microsoft.NET.Sdk.BlazorWebAssembly")
            || P.Items.Any(i => i.Type == "FrameworkReference" && i.Include.Equals("Microsoft.AspNetCore.App", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The SDK's implicit usings when ImplicitUsings is on, then the Using items in order (Include adds, Remove removes).</summary>
    private void FindUsings()
    {
        var usings = new List<(string Name, string? Alias, bool Static)>();
        if (P.Property("ImplicitUsings").ToLowerInvariant() is "enable" or "true")
        {
            var names = SdkUsings.AsEnumerable();
            if (HasSdk("Microsoft.NET.Sdk.Web"))
            {
                names = names.Concat(WebUsings).Concat(HostingUsings);
            }
            else if (HasSdk("Microsoft.NET.Sdk.Worker"))
            {
                names = names.Concat(HostingUsings);
            }

            usings.AddRange(names.Select(n => (n, (string?)null, false)));
        }

        foreach (var item in P.Items.Where(i => i.Type == "Using"))
        {
            var alias = item.Metadata.TryGetValue("Alias", out var a) && a.Length > 0 ? a : null;
            var isStatic = item.Metadata.TryGetValue("Static", out var s) && s.Equals("true", StringComparison.OrdinalIgnoreCase);
            foreach (var name in Split(item.Include))
            {
                usings.RemoveAll(u => u.Name == name);
                usings.Add((name, alias, isStatic));
            }

            foreach (var name in Split(item.Remove))
            {
                usings.RemoveAll(u => u.Name == name);
            }
        }

        GlobalUsings.AddRange(usings.Select(u =>
            u.Alias is not null ? $"global using {u.Alias} = global::{u.Name};"
            : u.Static ? $"global using static global::{u.Name};"
            : $"global using global::{u.Name};"));
    }

    /// <summary>
    /// Every .cs under the project's folder except bin/, obj/ and the folders of other projects below it (unless
    /// EnableDefaultCompileItems is false), then the Compile items in order: Include adds (links outside the folder too),
    /// Remove takes away. Update and conditions are ignored.
    /// </summary>
    private void FindFiles()
    {
        var files = new List<string>();
        var defaults = !P.Property("EnableDefaultCompileItems").Equals("false", StringComparison.OrdinalIgnoreCase)
            && !P.Property("EnableDefaultItems").Equals("false", StringComparison.OrdinalIgnoreCase);
        if (defaults)
        {
            files.AddRange(DefaultFiles(P.Directory));
        }

        foreach (var item in P.Items.Where(i => i.Type == "Compile"))
        {
            foreach (var pattern in Split(item.Include))
            {
                files.AddRange(Glob.Expand(item.BaseDirectory, pattern).Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) && !files.Contains(f)));
            }

            foreach (var pattern in Split(item.Remove))
            {
                var remove = Glob.Matcher(item.BaseDirectory, pattern);
                files.RemoveAll(remove);
            }
        }

        Files.AddRange(files.Distinct());
    }

    private static IEnumerable<string> DefaultFiles(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs"))
        {
            yield return file;
        }

        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            var name = Path.GetFileName(sub);
            if (name.Equals("bin", StringComparison.OrdinalIgnoreCase) || name.Equals("obj", StringComparison.OrdinalIgnoreCase)
                || Directory.EnumerateFiles(sub, "*.csproj").Any() || Directory.EnumerateFiles(sub, "*.xproj").Any())
            {
                continue;
            }

            foreach (var file in DefaultFiles(sub))
            {
                yield return file;
            }
        }
    }

    private bool HasSdk(string name) => P.Sdks.Contains(name, StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> Split(string list) =>
        list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(p => !p.Contains("$(") && !p.Contains("@("));
}
