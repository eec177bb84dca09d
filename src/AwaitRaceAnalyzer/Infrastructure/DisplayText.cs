namespace AwaitRaceAnalyzer.Infrastructure
{
    /// <summary>Source text as messages show it: the first line only, at most 60 characters.</summary>
    internal static class DisplayText
    {
        private const int MaxLength = 60;

        public static string Of(string source)
        {
            var text = source.Trim();
            var newline = text.IndexOfAny(new[] { '\r', '\n' });
            if (newline >= 0)
            {
                text = text.Substring(0, newline).TrimEnd() + "…";
            }

            return text.Length <= MaxLength ? text : text.Substring(0, MaxLength) + "…";
        }
    }
}
