using System.Collections.Generic;
using AwaitRaceAnalyzer.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AwaitRaceAnalyzer.Filters
{
    /// <summary>
    /// Where, in source order, a code block can suspend: a read can only be stale at a write if some suspension point
    /// can run after the read and before the write. Without <c>goto</c>, a path runs against source order only through
    /// the back edge of a loop around both ends, so it is enough that a suspension point lies between the read (moved
    /// back to the start of the outermost loop around it) and the write (moved on to the end of the outermost loop
    /// around it). Lambdas and local functions are taken as part of the text around them: that only widens the test.
    /// </summary>
    internal sealed class SuspensionOrder
    {
        private readonly List<TextSpan> _outermostLoops = new List<TextSpan>();
        private readonly List<int> _suspensions = new List<int>();
        private bool _sorted = true;

        /// <summary>A <c>goto</c> can run code against source order anywhere: then the order proves nothing.</summary>
        public bool HasJumps { get; private set; }

        /// <summary>Forgets every block seen, keeping the lists' room for the next one.</summary>
        public void Clear()
        {
            _outermostLoops.Clear();
            _suspensions.Clear();
            _sorted = true;
            HasJumps = false;
        }

        /// <summary>Records what <paramref name="node"/> adds to the order: a loop, a jump or a suspension point.</summary>
        public void Visit(SyntaxNode node)
        {
            switch (node)
            {
                case GotoStatementSyntax:
                    HasJumps = true;
                    return;
                case WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax:
                    // Nodes come in source order, so a loop inside the last one recorded starts before its end.
                    if (_outermostLoops.Count == 0 || node.SpanStart >= _outermostLoops[_outermostLoops.Count - 1].End)
                    {
                        _outermostLoops.Add(node.Span);
                    }

                    break;
            }

            if (SuspensionPoints.IsSuspension(node))
            {
                AddSuspension(node);
            }
        }

        /// <summary>The earliest a read at <paramref name="position"/> can be followed by code (the start of its outermost loop).</summary>
        public int ReadFrom(int position) => OutermostLoopAt(position) is { } loop ? loop.Start : position;

        /// <summary>The latest code before a write at <paramref name="position"/> can sit (the end of its outermost loop).</summary>
        public int WriteAfter(int position) => OutermostLoopAt(position) is { } loop ? loop.End : position;

        /// <summary>True when a suspension point may run between positions <paramref name="from"/> and <paramref name="to"/>.</summary>
        public bool AnySuspensionBetween(int from, int to)
        {
            if (HasJumps)
            {
                return true;
            }

            if (!_sorted)
            {
                _suspensions.Sort();
                _sorted = true;
            }

            // A suspension at `from`, or else the first one after it.
            var found = _suspensions.BinarySearch(from);
            var next = found >= 0 ? found : ~found;
            return next < _suspensions.Count && _suspensions[next] <= to;
        }

        /// <summary>
        /// Where the suspension happens: after its operand is evaluated (the end of an await or a yield), at the head
        /// of an <c>await foreach</c> and at its end (the enumerator's disposal), at the end of the scope an
        /// <c>await using</c> disposes at.
        /// </summary>
        private void AddSuspension(SyntaxNode node)
        {
            switch (node)
            {
                case CommonForEachStatementSyntax loop:
                    Add(loop.SpanStart);
                    Add(loop.Span.End);
                    break;
                case LocalDeclarationStatementSyntax declaration:
                    Add(declaration.Parent?.Span.End ?? declaration.Span.End);
                    break;
                default:
                    Add(node.Span.End);
                    break;
            }
        }

        private void Add(int position)
        {
            if (_suspensions.Count > 0 && position < _suspensions[_suspensions.Count - 1])
            {
                _sorted = false;
            }

            _suspensions.Add(position);
        }

        private TextSpan? OutermostLoopAt(int position)
        {
            int low = 0, high = _outermostLoops.Count - 1;
            while (low <= high)
            {
                var middle = (low + high) / 2;
                var loop = _outermostLoops[middle];
                if (position < loop.Start)
                {
                    high = middle - 1;
                }
                else if (position >= loop.End)
                {
                    low = middle + 1;
                }
                else
                {
                    return loop;
                }
            }

            return null;
        }
    }
}
