// Reads the command line of the real-code check.
namespace AwaitRaceAnalyzer.RealCode;

internal sealed class Options
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/RealCode -- --analyzer <AwaitRaceAnalyzer.dll> --checkouts <dir> " +
        "--list <projects.txt> --out <results dir> [--peers vsthrd,meziantou,asyncfixer] [--only name[,name...]] [--runs N] [--compiler-server]";

    public List<string> Analyzers { get; } = new();

    public string Checkouts { get; private set; } = "";

    public string List { get; private set; } = "";

    public string Out { get; private set; } = "";

    public List<string> Peers { get; } = new();

    public HashSet<string> Only { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Measured builds per project; the one with the shortest Csc time is kept (the machine may be busy).</summary>
    public int Runs { get; private set; } = 1;

    /// <summary>
    /// Measure through the compiler server, as a default <c>dotnet build</c> does, instead of a new csc process per
    /// build: one unmeasured build loads (and JIT-compiles) the compiler and every analyzer first, so the figures are
    /// those of the second and later builds of a session. Without it, every measured build pays that start-up.
    /// </summary>
    public bool CompilerServer { get; private set; }

    /// <summary>Returns the options, or null after printing what is wrong.</summary>
    public static Options? Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--compiler-server")
            {
                options.CompilerServer = true;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                return Fail($"{name} needs a value");
            }

            var value = args[++i];
            switch (name)
            {
                case "--analyzer":
                    options.Analyzers.AddRange(SplitList(value).Select(Path.GetFullPath));
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
                case "--peers":
                    options.Peers.AddRange(SplitList(value).Select(p => p.ToLowerInvariant()));
                    break;
                case "--runs":
                    if (!int.TryParse(value, out var runs) || runs < 1)
                    {
                        return Fail("--runs needs a positive number");
                    }

                    options.Runs = runs;
                    break;
                case "--only":
                    options.Only.UnionWith(SplitList(value));
                    break;
                default:
                    return Fail($"unknown option {name}");
            }
        }

        if (options.Analyzers.Count == 0 || options.Checkouts == "" || options.List == "" || options.Out == "")
        {
            return Fail("--analyzer, --checkouts, --list and --out are required");
        }

        foreach (var analyzer in options.Analyzers.Where(a => !File.Exists(a)))
        {
            return Fail($"analyzer not found: {analyzer}");
        }

        foreach (var peer in options.Peers.Where(p => !PeerPacks.Known.ContainsKey(p)))
        {
            return Fail($"unknown peer '{peer}'; known: {string.Join(",", PeerPacks.Known.Keys)}");
        }

        return options;
    }

    private static IEnumerable<string> SplitList(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Options? Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine(Usage);
        return null;
    }
}
