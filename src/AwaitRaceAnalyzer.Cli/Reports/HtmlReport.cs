using AwaitRaceAnalyzer.Cli.Analysis;

namespace AwaitRaceAnalyzer.Cli.Reports
{
    internal static class HtmlReport
    {
        public static void Write(string path, ScanResult result, string currentDirectory, string scanned)
        {
        }
    }
}
