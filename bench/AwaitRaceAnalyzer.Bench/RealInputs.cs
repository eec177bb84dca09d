using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AwaitRaceAnalyzer.Bench;

/// <summary>
/// The compiler inputs of one real project as bench/RealCode's hook recorded them in <c>&lt;results&gt;/inputs/&lt;name&gt;/</c>:
/// Compile items, sources the generators added, ReferencePathWithRefAssemblies, analyzer config files and the properties
/// that shape the compilation. From them the same compilation is built in-process, without MSBuild and without generators.
/// </summary>
internal sealed class RealInputs
{
    private readonly string _folder;

    private RealInputs(string name, string folder)
    {
        Name = name;
        _folder = folder;
        ProjectDirectory = Property("MSBuildProjectDirectory");
        var obj = Path.Combine(ProjectDirectory, "obj") + Path.DirectorySeparatorChar;
        var compile = Lines("compile.txt").Where(File.Exists).Distinct().ToList();
        var generatedFolder = Path.Combine(folder, "generated");
        var generated = Directory.Exists(generatedFolder)
            ? Directory.GetFiles(generatedFolder, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList()
            : new List<string>();
        SourcePaths = compile.Concat(generated).ToList();
        GeneratedCount = generated.Count;

        // The same count as bench/RealCode: .cs Compile items, without the files generated under the project's obj/.
        HandWritten = compile.Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) && !f.StartsWith(obj, StringComparison.Ordinal)).ToList();
        CSharpLines = HandWritten.Sum(f => File.ReadLines(f).Count());
        References = Lines("references.txt").Where(File.Exists).Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToImmutableArray();
        AdditionalFiles = Lines("additionalfiles.txt").Where(File.Exists).Distinct()
            .Select(path => (AdditionalText)new FileText(path)).ToImmutableArray();

        var configs = Lines("analyzerconfigs.txt").Where(File.Exists).Distinct()
            .Select(path => AnalyzerConfig.Parse(SourceText.From(File.ReadAllText(path)), path))
            .ToImmutableArray();
        ConfigSet = AnalyzerConfigSet.Create(configs);

        var documentation = IsTrue("GenerateDocumentationFile") || Property("DocumentationFile") != "";
        LanguageVersionFacts.TryParse(Property("LangVersion"), out var languageVersion);
        ParseOptions = new CSharpParseOptions(
            languageVersion,
            documentation ? DocumentationMode.Diagnose : DocumentationMode.None,
            SourceCodeKind.Regular,
            Lines("property.DefineConstants.txt").Select(d => d.Trim()).Where(d => d.Length > 0))
            .WithFeatures(Lines("property.Features.txt").Select(f => f.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p.Length > 1 ? p[1] : "true")));
        LanguageVersion = ParseOptions.LanguageVersion;
    }

    public string Name { get; }

    public string ProjectDirectory { get; }

    /// <summary>Every source the compiler got: Compile items, then the generators' files.</summary>
    public IReadOnlyList<string> SourcePaths { get; }

    public int GeneratedCount { get; }

    public IReadOnlyList<string> HandWritten { get; }

    /// <summary>C# lines, counted as bench/RealCode counts them.</summary>
    public int CSharpLines { get; }

    public ImmutableArray<MetadataReference> References { get; }

    public ImmutableArray<AdditionalText> AdditionalFiles { get; }

    public AnalyzerConfigSet ConfigSet { get; }

    public CSharpParseOptions ParseOptions { get; }

    public LanguageVersion LanguageVersion { get; }

    /// <summary>The projects of a results folder whose inputs were recorded.</summary>
    public static IEnumerable<RealInputs> ReadAll(string resultsFolder, IReadOnlyCollection<string> only)
    {
        var inputs = Path.Combine(resultsFolder, "inputs");
        if (!Directory.Exists(inputs))
        {
            throw new DirectoryNotFoundException($"{inputs} not found: run bench/RealCode with --out {resultsFolder} first");
        }

        // In the order of the results' summary (the order of projects.txt), then any others.
        var summary = Path.Combine(resultsFolder, "summary.tsv");
        var order = File.Exists(summary) ? File.ReadLines(summary).Skip(1).Select(l => l.Split('\t')[0]).ToList() : new List<string>();
        var names = Directory.GetDirectories(inputs).Select(Path.GetFileName).Where(n => File.Exists(Path.Combine(inputs, n!, "compile.txt")))
            .OrderBy(n => order.IndexOf(n!) is var i && i >= 0 ? i : int.MaxValue).ThenBy(n => n, StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (only.Count == 0 || only.Contains(name!, StringComparer.OrdinalIgnoreCase))
            {
                yield return new RealInputs(name!, Path.Combine(inputs, name!));
            }
        }
    }

    public ImmutableArray<SyntaxTree> Parse() =>
        SourcePaths.Select(path =>
        {
            using var stream = File.OpenRead(path);
            return CSharpSyntaxTree.ParseText(SourceText.From(stream, checksumAlgorithm: SourceHashAlgorithm.Sha256), ParseOptions, path);
        }).ToImmutableArray();

    public CSharpCompilation Compile(ImmutableArray<SyntaxTree> trees)
    {
        var nullable = Property("Nullable").ToLowerInvariant() switch
        {
            "enable" => NullableContextOptions.Enable,
            "warnings" => NullableContextOptions.Warnings,
            "annotations" => NullableContextOptions.Annotations,
            _ => NullableContextOptions.Disable,
        };
        var kind = Property("OutputType").ToLowerInvariant() switch
        {
            "exe" => OutputKind.ConsoleApplication,
            "winexe" => OutputKind.WindowsApplication,
            "module" => OutputKind.NetModule,
            _ => OutputKind.DynamicallyLinkedLibrary,
        };
        var noWarn = Lines("property.NoWarn.txt").SelectMany(w => w.Split(',')).Select(w => w.Trim()).Where(w => w.Length > 0)
            .Select(w => int.TryParse(w, out var number) ? $"CS{number:0000}" : w)
            .Distinct()
            .ToDictionary(w => w, _ => ReportDiagnostic.Suppress);
        var options = new CSharpCompilationOptions(
                kind,
                moduleName: null,
                mainTypeName: null,
                scriptClassName: null,
                usings: null,
                optimizationLevel: IsTrue("Optimize") ? OptimizationLevel.Release : OptimizationLevel.Debug,
                checkOverflow: IsTrue("CheckForOverflowUnderflow"),
                allowUnsafe: IsTrue("AllowUnsafeBlocks"),
                warningLevel: int.TryParse(Property("WarningLevel"), out var level) ? level : 4,
                specificDiagnosticOptions: noWarn,
                deterministic: true,
                nullableContextOptions: nullable)
            .WithAssemblyIdentityComparer(DesktopAssemblyIdentityComparer.Default)
            .WithSyntaxTreeOptionsProvider(new TreeOptions(ConfigSet, trees));
        var keyFile = Property("KeyOriginatorFile");
        if (IsTrue("SignAssembly") && keyFile.Length > 0)
        {
            // Public signing needs only the public key, and the diagnostics are the same as with the full key pair.
            options = options.WithCryptoKeyFile(Path.Combine(ProjectDirectory, keyFile)).WithPublicSign(true)
                .WithStrongNameProvider(new DesktopStrongNameProvider());
        }

        var assemblyName = Property("AssemblyName");
        return CSharpCompilation.Create(assemblyName.Length > 0 ? assemblyName : Name, trees, References, options);
    }

    /// <summary>The analyzer options as csc gives them: additional files and the options of the analyzer config files.</summary>
    public AnalyzerOptions AnalyzerOptions(ImmutableArray<SyntaxTree> trees) =>
        new(AdditionalFiles, new ConfigOptions(ConfigSet, trees));

    private bool IsTrue(string name) => string.Equals(Property(name), "true", StringComparison.OrdinalIgnoreCase);

    private string Property(string name) => string.Join(";", Lines($"property.{name}.txt")).Trim();

    private IEnumerable<string> Lines(string file)
    {
        var path = Path.Combine(_folder, file);
        return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0) : Enumerable.Empty<string>();
    }

    /// <summary>Severities from the analyzer config files, per tree and global, as the compiler applies them.</summary>
    private sealed class TreeOptions : SyntaxTreeOptionsProvider
    {
        private readonly Dictionary<SyntaxTree, AnalyzerConfigOptionsResult> _trees;
        private readonly AnalyzerConfigOptionsResult _global;

        public TreeOptions(AnalyzerConfigSet set, ImmutableArray<SyntaxTree> trees)
        {
            _trees = trees.ToDictionary(t => t, t => set.GetOptionsForSourcePath(t.FilePath));
            _global = set.GlobalConfigOptions;
        }

        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) =>
            _trees.TryGetValue(tree, out var result) && result.AnalyzerOptions.TryGetValue("generated_code", out var value)
                ? (bool.TryParse(value, out var generated) ? (generated ? GeneratedKind.MarkedGenerated : GeneratedKind.NotGenerated) : GeneratedKind.Unknown)
                : GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = default;
            return _trees.TryGetValue(tree, out var result) && result.TreeOptions.TryGetValue(diagnosticId, out severity);
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            _global.TreeOptions.TryGetValue(diagnosticId, out severity);
    }

    private sealed class ConfigOptions : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigSet _set;
        private readonly Dictionary<SyntaxTree, AnalyzerConfigOptions> _trees;

        public ConfigOptions(AnalyzerConfigSet set, ImmutableArray<SyntaxTree> trees)
        {
            _set = set;
            _trees = trees.ToDictionary(t => t, t => (AnalyzerConfigOptions)new Options(set.GetOptionsForSourcePath(t.FilePath).AnalyzerOptions));
            GlobalOptions = new Options(set.GlobalConfigOptions.AnalyzerOptions);
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) =>
            _trees.TryGetValue(tree, out var options) ? options : new Options(_set.GetOptionsForSourcePath(tree.FilePath).AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(_set.GetOptionsForSourcePath(textFile.Path).AnalyzerOptions);
    }

    private sealed class Options : AnalyzerConfigOptions
    {
        private readonly ImmutableDictionary<string, string> _values;

        public Options(ImmutableDictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);

        public override IEnumerable<string> Keys => _values.Keys;
    }

    private sealed class FileText : AdditionalText
    {
        public FileText(string path) => Path = path;

        public override string Path { get; }

        public override SourceText? GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
    }
}
