using System.Resources;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer
{
    /// <summary>Access to <c>Resources.resx</c>; the strings stay localizable (RS1007).</summary>
    internal static class Resources
    {
        internal static readonly ResourceManager Manager = new ResourceManager("AwaitRaceAnalyzer.Resources", typeof(Resources).Assembly);

        internal static LocalizableString Localizable(string name) => new LocalizableResourceString(name, Manager, typeof(Resources));
    }
}
