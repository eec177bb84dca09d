using System;
using System.Threading.Tasks;

namespace AwaitRaceAnalyzer.Cli
{
    internal static class Program
    {
        private static async Task<int> Main(string[] args)
        {
            // Before any MSBuild type is loaded (MSBuildWorkspace's own types included).
            Analysis.Scanner.RegisterMSBuild();
            return await AwaitRaceCommand.RunAsync(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected, Environment.CurrentDirectory).ConfigureAwait(false);
        }
    }
}
