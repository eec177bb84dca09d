using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AwaitRaceAnalyzer.Cli.Analysis
{
    /// <summary>Turns one diagnostic into a finding: its places in the source, the member that holds them, the fixes offered.</summary>
    internal static class FindingFactory
    {
        internal static async Task<Finding> ToFindingAsync(Diagnostic diagnostic, FindingLevel level, string projectName, ImmutableArray<string> fixes, CancellationToken cancellationToken)
        {
            var tree = diagnostic.Location.SourceTree!;
            var text = await tree.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var write = Place(diagnostic.Location, text);
            SourcePlace? PlaceAt(int index)
            {
                if (index >= diagnostic.AdditionalLocations.Count || !diagnostic.AdditionalLocations[index].IsInSource)
                {
                    return null;
                }

                var location = diagnostic.AdditionalLocations[index];
                var locationText = location.SourceTree == tree ? text : location.SourceTree!.GetText(cancellationToken);
                return Place(location, locationText);
            }

            var evidence = ImmutableArray.CreateBuilder<SourcePlace>();
            for (var i = 2; i < diagnostic.AdditionalLocations.Count; i++)
            {
                if (PlaceAt(i) is { } place)
                {
                    evidence.Add(place);
                }
            }

            var root = await tree.GetRootAsync(cancellationToken).ConfigureAwait(false);
            var read = PlaceAt(0);
            var suspension = PlaceAt(1);
            var member = EnclosingMember(root, text, tree.FilePath, diagnostic.Location.SourceSpan, read, suspension);
            return new Finding(
                diagnostic.Id,
                level,
                diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
                projectName,
                write,
                read,
                suspension,
                evidence.ToImmutable(),
                diagnostic.Properties,
                member,
                fixes);
        }

        internal static SourcePlace Place(Location location, SourceText text)
        {
            var span = location.GetLineSpan();
            return new SourcePlace(
                location.SourceTree!.FilePath,
                location.SourceSpan,
                span.StartLinePosition.Line + 1,
                span.StartLinePosition.Character + 1,
                span.EndLinePosition.Line + 1,
                span.EndLinePosition.Character + 1,
                text.ToString(location.SourceSpan));
        }

        /// <summary>
        /// The lines of the member around the write (a method, accessor, constructor, or the member holding a lambda),
        /// widened to take in the read and the suspension point when they are in the same file.
        /// </summary>
        internal static MemberSource? EnclosingMember(SyntaxNode root, SourceText text, string path, TextSpan write, SourcePlace? read, SourcePlace? suspension)
        {
            var node = root.FindNode(write, getInnermostNodeForTie: true);
            SyntaxNode? member = null;
            for (var current = node; current != null; current = current.Parent)
            {
                if (current is MemberDeclarationSyntax and not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax)
                {
                    member = current; // keep going: a local function's member is the outer method
                }
            }

            var start = member?.SpanStart ?? write.Start;
            var end = member?.Span.End ?? write.End;
            foreach (var place in new[] { read, suspension })
            {
                if (place != null && place.Path == path)
                {
                    start = Math.Min(start, place.Span.Start);
                    end = Math.Max(end, place.Span.End);
                }
            }

            var firstLine = text.Lines.GetLineFromPosition(start);
            var lastLine = text.Lines.GetLineFromPosition(end);
            const int MaxLines = 60;
            if (lastLine.LineNumber - firstLine.LineNumber + 1 > MaxLines)
            {
                // A long member: show the lines from the first marked place to the last, with a little context.
                var marks = new[] { write.Start, write.End, read?.Span.Start ?? write.Start, suspension?.Span.Start ?? write.Start };
                var from = Math.Max(firstLine.LineNumber, text.Lines.GetLineFromPosition(marks.Min()).LineNumber - 3);
                var to = Math.Min(lastLine.LineNumber, text.Lines.GetLineFromPosition(marks.Max()).LineNumber + 3);
                firstLine = text.Lines[from];
                lastLine = text.Lines[to];
            }

            var body = text.ToString(TextSpan.FromBounds(firstLine.Start, lastLine.End));
            return new MemberSource(path, firstLine.LineNumber + 1, firstLine.Start, body);
        }
    }
}
