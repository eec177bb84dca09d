using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwaitRaceAnalyzer.Cli.Analysis
{
    /// <summary>
    /// The analyzers and code fixes of the analyzer package, found by reflection over its two assemblies (every
    /// concrete type deriving from <see cref="DiagnosticAnalyzer"/> or <see cref="CodeFixProvider"/>), so the tool
    /// follows the analyzer wherever its types live.
    /// </summary>
    internal sealed class AnalyzerCatalog
    {
        public const string AnalyzerAssemblyName = "AwaitRaceAnalyzer";
        public const string CodeFixesAssemblyName = "AwaitRaceAnalyzer.CodeFixes";

        private AnalyzerCatalog(
            Assembly analyzerAssembly,
            ImmutableArray<DiagnosticAnalyzer> analyzers,
            ImmutableArray<CodeFixProvider> fixers,
            ImmutableArray<DiagnosticDescriptor> rules)
        {
            AnalyzerAssembly = analyzerAssembly;
            Analyzers = analyzers;
            Fixers = fixers;
            Rules = rules;
        }

        public Assembly AnalyzerAssembly { get; }

        public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

        public ImmutableArray<CodeFixProvider> Fixers { get; }

        /// <summary>Every rule the analyzers support, one descriptor per ID, ordered by ID.</summary>
        public ImmutableArray<DiagnosticDescriptor> Rules { get; }

        /// <summary>The analyzer assembly's informational version (without a source revision suffix).</summary>
        public string Version
        {
            get
            {
                var version = AnalyzerAssembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                    ?? AnalyzerAssembly.GetName().Version?.ToString()
                    ?? "0.0.0";
                var plus = version.IndexOf('+');
                return plus > 0 ? version.Substring(0, plus) : version;
            }
        }

        public static AnalyzerCatalog Load()
        {
            var analyzerAssembly = Assembly.Load(new AssemblyName(AnalyzerAssemblyName));
            var analyzers = Instantiate<DiagnosticAnalyzer>(analyzerAssembly)
                .Where(a => a.GetType().GetCustomAttributes<DiagnosticAnalyzerAttribute>()
                    .Any(attribute => attribute.Languages.Contains(LanguageNames.CSharp)))
                .ToImmutableArray();

            ImmutableArray<CodeFixProvider> fixers;
            try
            {
                fixers = Instantiate<CodeFixProvider>(Assembly.Load(new AssemblyName(CodeFixesAssemblyName))).ToImmutableArray();
            }
            catch (Exception e) when (e is System.IO.FileNotFoundException or System.IO.FileLoadException or BadImageFormatException)
            {
                fixers = ImmutableArray<CodeFixProvider>.Empty;
            }

            var rules = analyzers
                .SelectMany(a => a.SupportedDiagnostics)
                .GroupBy(d => d.Id, StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(d => d.Id, StringComparer.Ordinal)
                .ToImmutableArray();
            return new AnalyzerCatalog(analyzerAssembly, analyzers, fixers, rules);
        }

        /// <summary>The analyzers that report at least one of <paramref name="ruleIds"/>.</summary>
        public ImmutableArray<DiagnosticAnalyzer> AnalyzersFor(IReadOnlyCollection<string> ruleIds)
            => Analyzers.Where(a => a.SupportedDiagnostics.Any(d => ruleIds.Contains(d.Id))).ToImmutableArray();

        private static IEnumerable<T> Instantiate<T>(Assembly assembly)
            where T : class
        {
            Type?[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                types = e.Types;
            }

            foreach (var type in types.OrderBy(t => t?.FullName, StringComparer.Ordinal))
            {
                if (type == null || type.IsAbstract || !typeof(T).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) == null)
                {
                    continue;
                }

                yield return (T)Activator.CreateInstance(type)!;
            }
        }
    }
}
