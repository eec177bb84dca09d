// Reads the command line of the real-bugs check.
namespace AwaitRaceAnalyzer.RealBugs;

internal sealed class Options
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/RealBugs -- --analyzer <AwaitRaceAnalyzer.dll> --checkouts <dir> " +
        "--list <bugs.tsv> --out <results dir> [--only name[,name...]]";

    public string Analyzer { get; private set; } = "";

    /// <summary>One clone per repository, named by the repository's name without its owner.</summary>
    public string Checkouts { get; private set; } = "";

    public string List { get; private set; } = "";

    public string Out { get; private set; } = "";

    public HashSet<string> Only { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns the options, or null after printing what is wrong.</summary>
    public static Options? Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                return Fail($"{name} needs a value");
            }

            var value = args[++i];
            switch (name)
            {
                case "--analyzer":
                    options.Analyzer = Path.GetFullPath(value);
                    break;
                case "--checkouts":
                    options.Checkouts = Path.GetFullPath(value);
                    break;
                case "--list":
                    options.List = Path.GetFullPath(value);
                    break;
                case "--out":
                    options.Out = Path.GetFullPath(value);
                    break;
                case "--only":
                    options.Only.UnionWith(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                default:
                    return Fail($"unknown option {name}");
            }
        }

        if (options.Analyzer == "" || options.Checkouts == "" || options.List == "" || options.Out == "")
        {
            return Fail("--analyzer, --checkouts, --list and --out are required");
        }

        if (!File.Exists(options.Analyzer))
        {
            return Fail($"analyzer not found: {options.Analyzer}");
        }

        if (!File.Exists(options.List))
        {
            return Fail($"list not found: {options.List}");
        }

        return options;
    }

    private static Options? Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine(Usage);
        return null;
    }
}
