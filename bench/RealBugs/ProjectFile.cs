// Reads a project file, and the Directory.Build.props/.targets above it, as plain XML: a naive MSBuild evaluation.
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AwaitRaceAnalyzer.RealBugs;

/// <summary>An item element as written: its type, Include/Remove (properties substituted) and metadata (attributes and child elements).</summary>
/// <param name="BaseDirectory">The folder relative paths are taken from: the project's, wherever the item is written (as in MSBuild).</param>
internal sealed record ProjectItem(string Type, string Include, string Remove, IReadOnlyDictionary<string, string> Metadata, string BaseDirectory);

/// <summary>
/// The properties and items of a project, read from the XML without MSBuild: conditions are ignored (a later value
/// wins), <c>$(Name)</c> is replaced by the value so far (empty when unset), property functions are left as they are,
/// and an <c>Import</c> is followed only when its path resolves to a file. Read in MSBuild's order: every
/// Directory.Build.props from the repository root down, the project, then every Directory.Build.targets.
/// The SDKs' own props and targets are not read.
/// </summary>
internal sealed class ProjectFile
{
    private static readonly Regex PropertyReference = new(@"\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)", RegexOptions.Compiled);

    private readonly Dictionary<string, string> _properties = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ProjectItem> _items = new();
    private readonly List<string> _sdks = new();
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private ProjectFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory = System.IO.Path.GetDirectoryName(Path)!;
    }

    public string Path { get; }

    public string Directory { get; }

    /// <summary>The SDKs named by the project (Project Sdk=, Sdk elements, Import Sdk=), without versions.</summary>
    public IReadOnlyList<string> Sdks => _sdks;

    public IReadOnlyList<ProjectItem> Items => _items;

    /// <summary>Every file read, in order.</summary>
    public IReadOnlyCollection<string> FilesRead => _read;

    public string Property(string name) => _properties.TryGetValue(name, out var value) ? value : "";

    /// <param name="path">The project file.</param>
    /// <param name="repositoryRoot">The highest folder to look for Directory.Build.props/.targets in.</param>
    public static ProjectFile Read(string path, string repositoryRoot)
    {
        var project = new ProjectFile(path);
        project._properties["MSBuildProjectDirectory"] = project.Directory;
        project._properties["MSBuildProjectName"] = System.IO.Path.GetFileNameWithoutExtension(path);
        project._properties["MSBuildProjectFullPath"] = project.Path;
        project._properties["Configuration"] = "Release";

        var folders = FoldersFromRoot(project.Directory, System.IO.Path.GetFullPath(repositoryRoot));
        foreach (var folder in folders)
        {
            project.ReadFile(System.IO.Path.Combine(folder, "Directory.Build.props"), depth: 0);
        }

        project.ReadFile(project.Path, depth: 0);
        foreach (var folder in folders)
        {
            project.ReadFile(System.IO.Path.Combine(folder, "Directory.Build.targets"), depth: 0);
        }

        return project;
    }

    /// <summary>The folders from the repository root down to the project's folder (only the project's when it is not below the root).</summary>
    private static List<string> FoldersFromRoot(string projectDirectory, string root)
    {
        var folders = new List<string>();
        for (var folder = projectDirectory; folder is not null; folder = System.IO.Path.GetDirectoryName(folder))
        {
            folders.Insert(0, folder);
            if (string.Equals(folder.TrimEnd('/', '\\'), root.TrimEnd('/', '\\'), StringComparison.Ordinal))
            {
                return folders;
            }
        }

        return new List<string> { projectDirectory };
    }

    private void ReadFile(string file, int depth)
    {
        file = System.IO.Path.GetFullPath(file);
        if (depth > 8 || !File.Exists(file) || !_read.Add(file))
        {
            return;
        }

        XDocument document;
        try
        {
            document = XDocument.Load(file);
        }
        catch (System.Xml.XmlException)
        {
            return;
        }

        var here = System.IO.Path.GetDirectoryName(file)! + System.IO.Path.DirectorySeparatorChar;
        var root = document.Root!;
        AddSdks(root.Attribute("Sdk")?.Value);
        Walk(root, here, depth);
    }

    private void Walk(XElement parent, string here, int depth)
    {
        foreach (var element in parent.Elements())
        {
            switch (element.Name.LocalName)
            {
                case "PropertyGroup":
                    foreach (var property in element.Elements())
                    {
                        _properties[property.Name.LocalName] = Substitute(property.Value.Trim(), here);
                    }

                    break;
                case "ItemGroup":
                    foreach (var item in element.Elements())
                    {
                        AddItem(item, here);
                    }

                    break;
                case "Choose":
                case "When":
                case "Otherwise":
                    Walk(element, here, depth);
                    break;
                case "Sdk":
                    AddSdks(element.Attribute("Name")?.Value);
                    break;
                case "Import":
                    AddSdks(element.Attribute("Sdk")?.Value);
                    if (element.Attribute("Sdk") is null && element.Attribute("Project")?.Value is { } import)
                    {
                        var path = Substitute(import, here);
                        if (!path.Contains("$(") && !path.Contains('*') && path.Length > 0)
                        {
                            ReadFile(System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(here, path), depth + 1);
                        }
                    }

                    break;
            }
        }
    }

    private void AddItem(XElement item, string here)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in item.Attributes())
        {
            metadata[attribute.Name.LocalName] = Substitute(attribute.Value, here);
        }

        foreach (var child in item.Elements())
        {
            metadata[child.Name.LocalName] = Substitute(child.Value.Trim(), here);
        }

        _items.Add(new ProjectItem(
            item.Name.LocalName,
            metadata.TryGetValue("Include", out var include) ? include : "",
            metadata.TryGetValue("Remove", out var remove) ? remove : "",
            metadata,
            Directory));
    }

    private void AddSdks(string? sdks)
    {
        foreach (var sdk in (sdks ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = sdk.Split('/')[0].Trim();
            if (!_sdks.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                _sdks.Add(name);
            }
        }
    }

    private string Substitute(string text, string thisFileDirectory) =>
        PropertyReference.Replace(text, match => match.Groups[1].Value switch
        {
            var n when n.Equals("MSBuildThisFileDirectory", StringComparison.OrdinalIgnoreCase) => thisFileDirectory,
            var n => Property(n),
        });
}
