using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace AwaitRaceAnalyzer.Cli.Analysis
{
    /// <summary>How a finding is reported after the project's analyzer config has been applied.</summary>
    internal enum FindingLevel
    {
        Suggestion,
        Warning,
        Error,
    }

    /// <summary>A place in a source file, with 1-based line and column numbers and the text found there.</summary>
    internal sealed class SourcePlace
    {
        public SourcePlace(string path, TextSpan span, int startLine, int startColumn, int endLine, int endColumn, string text)
        {
            Path = path;
            Span = span;
            StartLine = startLine;
            StartColumn = startColumn;
            EndLine = endLine;
            EndColumn = endColumn;
            Text = text;
        }

        public string Path { get; }

        public TextSpan Span { get; }

        public int StartLine { get; }

        public int StartColumn { get; }

        public int EndLine { get; }

        /// <summary>The column just after the last character (SARIF's convention).</summary>
        public int EndColumn { get; }

        public string Text { get; }
    }

    /// <summary>The source lines of the member that holds a finding: the method, accessor or initializer.</summary>
    internal sealed class MemberSource
    {
        public MemberSource(string path, int firstLine, int startPosition, string text)
        {
            Path = path;
            FirstLine = firstLine;
            StartPosition = startPosition;
            Text = text;
        }

        public string Path { get; }

        /// <summary>The 1-based line number of the first line of <see cref="Text"/>.</summary>
        public int FirstLine { get; }

        /// <summary>The position in the file where <see cref="Text"/> starts (the start of a line).</summary>
        public int StartPosition { get; }

        /// <summary>Whole lines of the file.</summary>
        public string Text { get; }
    }

    /// <summary>One diagnostic of the analyzer, with what the reports need from the code around it.</summary>
    internal sealed class Finding
    {
        public Finding(
            string id,
            FindingLevel level,
            string message,
            string projectName,
            SourcePlace write,
            SourcePlace? read,
            SourcePlace? suspension,
            ImmutableArray<SourcePlace> evidence,
            ImmutableDictionary<string, string?> properties,
            MemberSource? member,
            ImmutableArray<string> fixes)
        {
            Id = id;
            Level = level;
            Message = message;
            ProjectName = projectName;
            Write = write;
            Read = read;
            Suspension = suspension;
            Evidence = evidence;
            Properties = properties;
            Member = member;
            Fixes = fixes;
        }

        public string Id { get; }

        public FindingLevel Level { get; }

        public string Message { get; }

        public string ProjectName { get; }

        /// <summary>The diagnostic's own location: the write.</summary>
        public SourcePlace Write { get; }

        /// <summary>Additional location 0: the stale read or check.</summary>
        public SourcePlace? Read { get; }

        /// <summary>Additional location 1: the suspension point.</summary>
        public SourcePlace? Suspension { get; }

        /// <summary>Any further additional locations: evidence of concurrent use.</summary>
        public ImmutableArray<SourcePlace> Evidence { get; }

        public ImmutableDictionary<string, string?> Properties { get; }

        public MemberSource? Member { get; }

        /// <summary>The titles of the code fixes the IDE offers for this diagnostic.</summary>
        public ImmutableArray<string> Fixes { get; }

        /// <summary>The shared state's display name (the StateName property), or the write's text when absent.</summary>
        public string StateName
            => Properties.TryGetValue(PropertyNames.StateName, out var name) && !string.IsNullOrEmpty(name) ? name! : Write.Text;

        public static string LevelWord(FindingLevel level) => level switch
        {
            FindingLevel.Error => "error",
            FindingLevel.Warning => "warning",
            _ => "suggestion",
        };
    }

    /// <summary>
    /// The keys of the diagnostics' properties, spelled out: the analyzer's own constants class may move between
    /// namespaces, and these strings are part of its contract with the fixes.
    /// </summary>
    internal static class PropertyNames
    {
        public const string StateName = "StateName";
        public const string StateKind = "StateKind";
        public const string UpdateKind = "UpdateKind";
    }

    /// <summary>What happened to one project of the scan.</summary>
    internal sealed class ProjectOutcome
    {
        public ProjectOutcome(string name, string path)
        {
            Name = name;
            Path = path;
        }

        public string Name { get; }

        public string Path { get; }

        public bool Analysed { get; set; }

        /// <summary>Why the project was not analysed, or a note about it (for example that it was restored).</summary>
        public List<string> Notes { get; } = new List<string>();

        /// <summary>Suggestions found but not listed because <c>--include-suggestions</c> was not given.</summary>
        public int UnlistedSuggestions { get; set; }
    }
}
