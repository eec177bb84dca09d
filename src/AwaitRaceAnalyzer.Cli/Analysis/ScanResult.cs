using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Cli.Analysis
{
    /// <summary>Receives the scan's progress: one line of status per project.</summary>
    internal interface IScanProgress
    {
        void Report(string project, string status, double percent);

        /// <summary>A note for the person running the scan (restores, projects that did not load).</summary>
        void Note(string text);
    }

    /// <summary>The result of a scan: every project's outcome and every finding.</summary>
    internal sealed class ScanResult
    {
        public ScanResult(IReadOnlyList<ProjectOutcome> projects, IReadOnlyList<Finding> findings, ImmutableArray<DiagnosticDescriptor> rules, string version)
        {
            Projects = projects;
            Findings = findings;
            Rules = rules;
            Version = version;
        }

        public IReadOnlyList<ProjectOutcome> Projects { get; }

        /// <summary>The listed findings, ordered by path, line, column and rule.</summary>
        public IReadOnlyList<Finding> Findings { get; }

        /// <summary>The rules that were run.</summary>
        public ImmutableArray<DiagnosticDescriptor> Rules { get; }

        public string Version { get; }
    }
}
