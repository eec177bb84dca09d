using System.Text;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.CodeFixes.SemaphoreSlim
{
    /// <summary>Names a gate after the state it protects, in the style of the state's own name.</summary>
    internal static class GateNaming
    {
        /// <summary><c>_count</c> → <c>_countGate</c>, <c>s_count</c> → <c>s_countGate</c>, <c>_stats.Count</c> → <c>_statsCountGate</c>, <c>_map[k]</c> → <c>_mapGate</c>.</summary>
        public static string FieldName(string stateName, ISymbol? root)
        {
            var prefix = root is IFieldSymbol { IsStatic: true } field && field.Name.StartsWith("s_", System.StringComparison.Ordinal) ? "s_" : "_";
            return prefix + CamelCase(stateName) + "Gate";
        }

        /// <summary><c>n</c> → <c>nGate</c>.</summary>
        public static string LocalName(string variable) => CamelCase(variable) + "Gate";

        internal static string CamelCase(string stateName)
        {
            var text = stateName;
            var bracket = text.IndexOf('[');
            if (bracket >= 0)
            {
                text = text.Substring(0, bracket);
            }

            if (text.StartsWith("this.", System.StringComparison.Ordinal))
            {
                text = text.Substring("this.".Length);
            }

            var builder = new StringBuilder();
            foreach (var rawPart in text.Split('.'))
            {
                var part = StripPrefix(rawPart.Trim());
                if (part.Length == 0)
                {
                    continue;
                }

                builder.Append(builder.Length == 0 ? char.ToLowerInvariant(part[0]) : char.ToUpperInvariant(part[0]));
                foreach (var c in part.Substring(1))
                {
                    if (char.IsLetterOrDigit(c) || c == '_')
                    {
                        builder.Append(c);
                    }
                }
            }

            return builder.Length == 0 ? "state" : builder.ToString();
        }

        private static string StripPrefix(string part)
        {
            foreach (var prefix in new[] { "s_", "m_", "t_" })
            {
                if (part.StartsWith(prefix, System.StringComparison.Ordinal))
                {
                    return part.Substring(prefix.Length);
                }
            }

            return part.TrimStart('_');
        }
    }
}
