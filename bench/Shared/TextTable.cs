// Prints rows of cells as aligned columns; shared by the bench console tools (linked into each project).
namespace AwaitRaceAnalyzer.BenchShared;

internal static class TextTable
{
    /// <summary>
    /// Columns padded to the widest cell; the first column left-aligned, the others right-aligned. A row of two cells
    /// (a name and a failure) is printed as it is and does not widen the second column.
    /// </summary>
    public static IEnumerable<string> Align(IReadOnlyList<List<string>> rows)
    {
        var columns = rows.Max(r => r.Count);
        var widths = Enumerable.Range(0, columns)
            .Select(c => rows.Where(r => r.Count > c && !(r.Count == 2 && c == 1)).Select(r => r[c].Length).DefaultIfEmpty(0).Max())
            .ToList();
        foreach (var row in rows)
        {
            yield return string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : row.Count == 2 ? cell : cell.PadLeft(widths[c]))).TrimEnd();
        }
    }
}
