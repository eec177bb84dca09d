// Makes one C# compilation of a project's sources against the installed SDK's reference assemblies (no build, no packages).
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AwaitRaceAnalyzer.RealBugs;

internal static class CompilationBuilder
{
    public const string GlobalUsingsFile = "RealBugs.GlobalUsings.g.cs";

    private static readonly Lazy<IReadOnlyList<MetadataReference>> NetCore = new(() => Pack("Microsoft.NETCore.App.Ref"));
    private static readonly Lazy<IReadOnlyList<MetadataReference>> AspNetCore = new(() => Pack("Microsoft.AspNetCore.App.Ref"));

    /// <summary>The folder of the reference pack in use, for the header of the output.</summary>
    public static string ReferencePack => PackFolder("Microsoft.NETCore.App.Ref");

    public static CSharpCompilation Create(string assemblyName, ProjectSources sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.None, SourceCodeKind.Regular, sources.PreprocessorSymbols);
        var trees = sources.Files
            .Select(file => CSharpSyntaxTree.ParseText(Read(file), parse, file))
            .ToList();
        if (sources.GlobalUsings.Count > 0)
        {
            trees.Add(CSharpSyntaxTree.ParseText(string.Join("\n", sources.GlobalUsings), parse, Path.Combine(sources.Project.Directory, "obj", GlobalUsingsFile)));
        }

        var references = NetCore.Value.Concat(sources.AspNetCore ? AspNetCore.Value : Array.Empty<MetadataReference>());
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true)
            .WithConcurrentBuild(true);
        return CSharpCompilation.Create(assemblyName, trees, references, options);
    }

    /// <summary>UTF-8 unless the file has another byte order mark, as the compiler reads it.</summary>
    private static SourceText Read(string file)
    {
        using var stream = File.OpenRead(file);
        return SourceText.From(stream, Encoding.UTF8);
    }

    private static IReadOnlyList<MetadataReference> Pack(string name)
    {
        var folder = PackFolder(name);
        return Directory.GetFiles(folder, "*.dll").Select(dll => (MetadataReference)MetadataReference.CreateFromFile(dll)).ToList();
    }

    /// <summary>&lt;dotnet root&gt;/packs/&lt;name&gt;/&lt;newest version&gt;/ref/net&lt;runtime major&gt;.0, the dotnet root being the one running this tool.</summary>
    private static string PackFolder(string name)
    {
        // <root>/shared/Microsoft.NETCore.App/<version>/
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var packs = Path.Combine(root, "packs", name);
        var newest = Directory.Exists(packs)
            ? Directory.GetDirectories(packs).OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version(0, 0)).FirstOrDefault()
            : null;
        var framework = $"net{Environment.Version.Major}.0";
        var folder = newest is null ? null : Path.Combine(newest, "ref", framework);
        return folder is not null && Directory.Exists(folder)
            ? folder
            : throw new DirectoryNotFoundException($"no {name} pack for {framework} under {packs}");
    }
}
