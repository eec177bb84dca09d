using System;
using System.Collections.Generic;
using System.IO;

namespace AwaitRaceAnalyzer.Cli
{
    /// <summary>The severity at or above which findings make the exit code 1.</summary>
    internal enum FailOn
    {
        Warning,
        Suggestion,
        None,
    }

    /// <summary>The arguments of <c>awaitrace scan</c>, parsed by hand (one verb, a handful of options).</summary>
    internal sealed class ScanOptions
    {
        public const string Usage =
            "Usage: awaitrace scan <path> [options]\n" +
            "\n" +
            "  <path>                       a .sln, .slnx or .csproj file, or a folder holding one\n" +
            "\n" +
            "Options:\n" +
            "  --sarif <file>               also write a SARIF 2.1.0 log\n" +
            "  --html <file>                also write a self-contained HTML report\n" +
            "  --rules <ids>                only these rules, comma-separated (e.g. AWR001,AWR002)\n" +
            "  --include-suggestions        also list suggestions (AWR003, AWR102 by default)\n" +
            "  --fail-on <level>            warning (default), suggestion or none: exit 1 on findings at or above it\n" +
            "  -h, --help                   show this help\n" +
            "  --version                    show the version\n" +
            "\n" +
            "Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 nothing analysed or bad arguments.\n";

        public string Path { get; private set; } = "";

        public string? SarifPath { get; private set; }

        public string? HtmlPath { get; private set; }

        /// <summary>The rule IDs asked for with <c>--rules</c>, upper case; null when all rules are wanted.</summary>
        public IReadOnlyCollection<string>? Rules { get; private set; }

        public bool IncludeSuggestions { get; private set; }

        public FailOn FailOn { get; private set; } = FailOn.Warning;

        /// <summary>
        /// Parses <paramref name="args"/>. Returns null with <paramref name="error"/> set when they are wrong,
        /// and null with no error when only help or the version was asked for (<paramref name="info"/> says which).
        /// </summary>
        public static ScanOptions? Parse(IReadOnlyList<string> args, string currentDirectory, out string? error, out string? info)
        {
            error = null;
            info = null;
            if (args.Count == 0)
            {
                error = "missing command: expected 'scan'";
                return null;
            }

            if (args[0] is "-h" or "--help" or "help" or "-?")
            {
                info = "help";
                return null;
            }

            if (args[0] == "--version")
            {
                info = "version";
                return null;
            }

            if (args[0] != "scan")
            {
                error = $"unknown command '{args[0]}': expected 'scan'";
                return null;
            }

            var options = new ScanOptions();
            string? path = null;
            for (var i = 1; i < args.Count; i++)
            {
                var arg = args[i];
                string? inlineValue = null;
                if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and > 2)
                {
                    inlineValue = arg.Substring(eq + 1);
                    arg = arg.Substring(0, eq);
                }

                string? Value()
                {
                    if (inlineValue != null)
                    {
                        return inlineValue;
                    }

                    if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        return args[++i];
                    }

                    return null;
                }

                switch (arg)
                {
                    case "-h":
                    case "--help":
                        info = "help";
                        return null;
                    case "--sarif":
                        options.SarifPath = Value() ?? Missing(arg, "a file name", out error);
                        break;
                    case "--html":
                        options.HtmlPath = Value() ?? Missing(arg, "a file name", out error);
                        break;
                    case "--include-suggestions":
                        options.IncludeSuggestions = true;
                        break;
                    case "--rules":
                    {
                        var value = Value();
                        if (value == null)
                        {
                            Missing(arg, "a comma-separated list of rule IDs", out error);
                            break;
                        }

                        var rules = new SortedSet<string>(StringComparer.Ordinal);
                        foreach (var part in value.Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries))
                        {
                            rules.Add(part.Trim().ToUpperInvariant());
                        }

                        if (rules.Count == 0)
                        {
                            error = "--rules needs at least one rule ID";
                        }

                        options.Rules = rules;
                        break;
                    }

                    case "--fail-on":
                    {
                        var value = Value();
                        switch (value?.ToLowerInvariant())
                        {
                            case "warning":
                                options.FailOn = FailOn.Warning;
                                break;
                            case "suggestion":
                                options.FailOn = FailOn.Suggestion;
                                break;
                            case "none":
                                options.FailOn = FailOn.None;
                                break;
                            default:
                                error = value == null
                                    ? "--fail-on needs a value: warning, suggestion or none"
                                    : $"--fail-on '{value}' is not one of warning, suggestion, none";
                                break;
                        }

                        break;
                    }

                    default:
                        if (arg.StartsWith("-", StringComparison.Ordinal))
                        {
                            error = $"unknown option '{arg}'";
                        }
                        else if (path != null)
                        {
                            error = $"one path expected, got '{path}' and '{arg}'";
                        }
                        else
                        {
                            path = arg;
                        }

                        break;
                }

                if (error != null)
                {
                    return null;
                }
            }

            if (path == null)
            {
                error = "missing path: give a .sln, .slnx or .csproj file, or a folder";
                return null;
            }

            options.Path = System.IO.Path.GetFullPath(path, currentDirectory);
            if (!File.Exists(options.Path) && !Directory.Exists(options.Path))
            {
                error = $"'{path}' does not exist";
                return null;
            }

            if (options.SarifPath != null)
            {
                options.SarifPath = System.IO.Path.GetFullPath(options.SarifPath, currentDirectory);
            }

            if (options.HtmlPath != null)
            {
                options.HtmlPath = System.IO.Path.GetFullPath(options.HtmlPath, currentDirectory);
            }

            // Failing on suggestions lists them too: an exit code with nothing printed would not say why.
            if (options.FailOn == FailOn.Suggestion)
            {
                options.IncludeSuggestions = true;
            }

            return options;
        }

        private static string? Missing(string option, string what, out string? error)
        {
            error = $"{option} needs {what}";
            return null;
        }
    }
}
