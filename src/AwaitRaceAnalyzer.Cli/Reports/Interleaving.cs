using System;
using System.Collections.Generic;
using AwaitRaceAnalyzer.Cli.Analysis;

namespace AwaitRaceAnalyzer.Cli.Reports
{
    /// <summary>Which task a step of an interleaving belongs to.</summary>
    internal enum Lane
    {
        A,
        B,
    }

    /// <summary>One step: "<c>A</c> reads <c>_count</c>", with the code as written and the line it is on.</summary>
    internal sealed class InterleavingStep
    {
        public InterleavingStep(Lane lane, string action, string? code, int? line, string? note)
        {
            Lane = lane;
            Action = action;
            Code = code;
            Line = line;
            Note = note;
        }

        public Lane Lane { get; }

        /// <summary>The verb phrase before the code, e.g. "reads".</summary>
        public string Action { get; }

        /// <summary>The expression from the source, shown as code; null when the step has none.</summary>
        public string? Code { get; }

        public int? Line { get; }

        /// <summary>What the step means, shown after the code, e.g. "(same value)".</summary>
        public string? Note { get; }

        public override string ToString()
            => $"{Lane} {Action}{(Code == null ? "" : $" `{Code}`")}{(Note == null ? "" : " " + Note)}";
    }

    /// <summary>
    /// Two tasks running the same member, step by step in the order that breaks it, built from the diagnostic's own
    /// locations (write, stale read or check, suspension point) and the code found there.
    /// </summary>
    internal sealed class Interleaving
    {
        private Interleaving(IReadOnlyList<InterleavingStep> steps, string outcome)
        {
            Steps = steps;
            Outcome = outcome;
        }

        public IReadOnlyList<InterleavingStep> Steps { get; }

        /// <summary>The sentence that says what was lost.</summary>
        public string Outcome { get; }

        public static Interleaving For(Finding finding)
        {
            var state = finding.StateName;
            var read = finding.Read != null ? Code(finding.Read.Text) : state;
            var readLine = finding.Read?.StartLine;
            var awaited = finding.Suspension != null ? Awaited(finding.Suspension.Text) : "the await";
            var awaitLine = finding.Suspension?.StartLine;
            var write = Code(finding.Write.Text);
            var writeLine = finding.Write.StartLine;
            var suspends = finding.Suspension != null && finding.Suspension.Text.StartsWith("yield", StringComparison.Ordinal)
                ? "yields"
                : "awaits";
            var steps = new List<InterleavingStep>();
            switch (finding.Id)
            {
                case "AWR002":
                case "AWR102":
                    steps.Add(new InterleavingStep(Lane.A, "checks", read, readLine, "and passes"));
                    steps.Add(new InterleavingStep(Lane.A, suspends, awaited, awaitLine, "and is suspended"));
                    steps.Add(new InterleavingStep(Lane.B, "checks", read, readLine, "and passes too: A has not acted yet"));
                    steps.Add(new InterleavingStep(Lane.B, "acts:", write, writeLine, null));
                    steps.Add(new InterleavingStep(Lane.A, "resumes and acts:", write, writeLine, "on its stale check"));
                    return new Interleaving(steps, $"Both tasks passed the check of '{state}' and both acted: the act the check was meant to allow once ran twice.");
                case "AWR003":
                    steps.Add(new InterleavingStep(Lane.A, "finds", read, readLine, "missing"));
                    steps.Add(new InterleavingStep(Lane.A, suspends, awaited, awaitLine, "(load 1)"));
                    steps.Add(new InterleavingStep(Lane.B, "finds", read, readLine, "still missing"));
                    steps.Add(new InterleavingStep(Lane.B, suspends, awaited, awaitLine, "(load 2)"));
                    steps.Add(new InterleavingStep(Lane.A, "resumes and stores:", write, writeLine, null));
                    steps.Add(new InterleavingStep(Lane.B, "resumes and stores:", write, writeLine, "over A's value"));
                    return new Interleaving(steps, $"The load ran twice and '{state}' keeps the last value stored; callers may hold different instances.");
                default:
                    steps.Add(new InterleavingStep(Lane.A, "reads", read, readLine, null));
                    steps.Add(new InterleavingStep(Lane.A, suspends, awaited, awaitLine, "and is suspended"));
                    steps.Add(new InterleavingStep(Lane.B, "reads", read, readLine, "(same value)"));
                    steps.Add(new InterleavingStep(Lane.B, "writes", write, writeLine, null));
                    steps.Add(new InterleavingStep(Lane.A, "resumes and writes", write, writeLine, "from its stale read"));
                    return new Interleaving(steps, $"B's update of '{state}' is lost: A wrote over it with a value computed before the await.");
            }
        }

        /// <summary>The awaited expression: <c>await Task.Delay(1)</c> gives <c>Task.Delay(1)</c>.</summary>
        public static string Awaited(string suspension)
        {
            var text = Code(suspension);
            return text.StartsWith("await ", StringComparison.Ordinal)
                && !text.StartsWith("await foreach", StringComparison.Ordinal)
                && !text.StartsWith("await using", StringComparison.Ordinal)
                ? text.Substring("await ".Length).TrimStart()
                : text;
        }

        /// <summary>Code on one line, long code shortened in the middle.</summary>
        public static string Code(string text)
        {
            var oneLine = string.Join(" ", text.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));
            const int Max = 90;
            return oneLine.Length <= Max ? oneLine : oneLine.Substring(0, 60) + " … " + oneLine.Substring(oneLine.Length - 25);
        }
    }
}
