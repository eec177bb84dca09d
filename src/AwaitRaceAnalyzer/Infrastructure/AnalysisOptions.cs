using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwaitRaceAnalyzer.Infrastructure
{
    /// <summary>
    /// The <c>.editorconfig</c> options of the analysis, read per syntax tree. Every key lives under
    /// <c>await_race.</c>; each is declared here once with its default and documented on the rule pages.
    /// </summary>
    internal sealed class AnalysisOptions
    {
        internal const string Prefix = "await_race.";
        internal const string SharedStateKey = Prefix + "shared_state";
        internal const string LockMethodsKey = Prefix + "lock_methods";
        internal const string IgnoredTypesKey = Prefix + "ignored_types";
        internal const string MaxBlocksKey = Prefix + "max_blocks";
        internal const string ConcurrentTypesKey = Prefix + "concurrent_types";

        internal const int DefaultMaxBlocks = 100000;

        /// <summary>Methods whose awaited result is a disposable lock handle (<c>using (await m.LockAsync())</c>).</summary>
        internal static readonly ImmutableArray<string> DefaultLockMethods = ImmutableArray.Create(
            "LockAsync", "AcquireAsync", "EnterAsync", "WaitAsync",
            "ReaderLockAsync", "WriterLockAsync", "UpgradeableReaderLockAsync",
            "ReadLockAsync", "WriteLockAsync", "UpgradeableReadLockAsync");

        internal static readonly AnalysisOptions Default = new AnalysisOptions(
            fields: true, properties: true, statics: true, capturedVariables: true, elements: true,
            DefaultLockMethods.ToImmutableHashSet(StringComparer.Ordinal),
            SingleFlowTypes.Defaults.ToImmutableHashSet(StringComparer.Ordinal),
            DefaultMaxBlocks,
            ImmutableHashSet<string>.Empty);

        private readonly ImmutableHashSet<string> _lockMethods;
        private readonly ImmutableHashSet<string> _ignoredTypes;

        /// <summary>The last segment of each ignored name: a cheap test before a type's full name is built.</summary>
        private readonly ImmutableHashSet<string> _ignoredSimpleNames;

        private readonly ImmutableHashSet<string> _concurrentTypes;
        private readonly ImmutableHashSet<string> _concurrentSimpleNames;

        private AnalysisOptions(
            bool fields,
            bool properties,
            bool statics,
            bool capturedVariables,
            bool elements,
            ImmutableHashSet<string> lockMethods,
            ImmutableHashSet<string> ignoredTypes,
            int maxBlocks,
            ImmutableHashSet<string> concurrentTypes)
        {
            _concurrentTypes = concurrentTypes;
            _concurrentSimpleNames = concurrentTypes.Select(name => name.Substring(name.LastIndexOf('.') + 1)).ToImmutableHashSet(StringComparer.Ordinal);
            IncludeFields = fields;
            IncludeProperties = properties;
            IncludeStatics = statics;
            IncludeCapturedVariables = capturedVariables;
            IncludeElements = elements;
            _lockMethods = lockMethods;
            _ignoredTypes = ignoredTypes;
            _ignoredSimpleNames = ignoredTypes.Select(name => name.Substring(name.LastIndexOf('.') + 1)).ToImmutableHashSet(StringComparer.Ordinal);
            MaxBlocks = maxBlocks;
        }

        public bool IncludeFields { get; }

        public bool IncludeProperties { get; }

        public bool IncludeStatics { get; }

        public bool IncludeCapturedVariables { get; }

        public bool IncludeElements { get; }

        /// <summary>Bodies whose control flow graph has more blocks than this are skipped (documented cap).</summary>
        public int MaxBlocks { get; }

        public static AnalysisOptions Read(AnalyzerConfigOptions options)
        {
            var shared = Read(options, SharedStateKey);
            var lockMethods = Read(options, LockMethodsKey);
            var ignoredTypes = Read(options, IgnoredTypesKey);
            var concurrentTypes = Read(options, ConcurrentTypesKey);
            var maxBlocks = options.TryGetValue(MaxBlocksKey, out var text) && int.TryParse(text.Trim(), out var parsed) && parsed > 0
                ? parsed
                : DefaultMaxBlocks;
            if (shared is null && lockMethods is null && ignoredTypes is null && concurrentTypes is null && maxBlocks == DefaultMaxBlocks)
            {
                return Default;
            }

            var kinds = shared ?? new[] { "fields", "properties", "statics", "captured_variables", "elements" };
            var lockSet = DefaultLockMethods.ToImmutableHashSet(StringComparer.Ordinal).Union(lockMethods ?? Array.Empty<string>());
            return new AnalysisOptions(
                Contains(kinds, "fields"),
                Contains(kinds, "properties"),
                Contains(kinds, "statics"),
                Contains(kinds, "captured_variables"),
                Contains(kinds, "elements"),
                lockSet,
                IgnoredTypeNames(ignoredTypes),
                maxBlocks,
                (concurrentTypes ?? Array.Empty<string>()).ToImmutableHashSet(StringComparer.Ordinal));
        }

        /// <summary>True when a field or property of this kind counts as shared state.</summary>
        public bool Includes(ISymbol member)
            => member switch
            {
                IFieldSymbol => IncludeFields,
                IPropertySymbol => IncludeProperties,
                _ => false,
            };

        /// <summary>
        /// True for instance state of a type listed in <c>await_race.ignored_types</c> or derived from one (by full
        /// name, generic arity ignored). The list replaces <see cref="SingleFlowTypes.Defaults"/>; the token
        /// <c>default</c> in it stands for them.
        /// </summary>
        public bool IsIgnored(ITypeSymbol? type) => SingleFlowTypes.IsOrDerivesFromAny(type, _ignoredTypes, _ignoredSimpleNames);

        /// <summary>
        /// True for a type listed in <c>await_race.concurrent_types</c> or derived from one: the user says that
        /// concurrent callers use it (a library's client whose callers live elsewhere), which counts as evidence.
        /// </summary>
        public bool IsDeclaredConcurrent(ITypeSymbol? type)
            => _concurrentTypes.Count > 0 && SingleFlowTypes.IsOrDerivesFromAny(type, _concurrentTypes, _concurrentSimpleNames);

        private static ImmutableHashSet<string> IgnoredTypeNames(string[]? configured)
        {
            if (configured is null)
            {
                return SingleFlowTypes.Defaults.ToImmutableHashSet(StringComparer.Ordinal);
            }

            var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            foreach (var name in configured)
            {
                if (string.Equals(name, SingleFlowTypes.DefaultsToken, StringComparison.OrdinalIgnoreCase))
                {
                    names.UnionWith(SingleFlowTypes.Defaults);
                }
                else
                {
                    names.Add(name);
                }
            }

            return names.ToImmutable();
        }

        /// <summary>True when awaiting a call to <paramref name="method"/> acquires a lock (by name or <c>Type.Name</c>).</summary>
        public bool IsLockMethod(IMethodSymbol method)
            => _lockMethods.Contains(method.Name) || _lockMethods.Contains(method.ContainingType.Name + "." + method.Name);

        /// <summary>
        /// True when a call named <paramref name="name"/> may be a lock method, for summaries read from syntax without
        /// symbols: a listed name, or the method part of a listed <c>Type.Name</c>.
        /// </summary>
        public bool IsLockMethodName(string name)
        {
            if (_lockMethods.Contains(name))
            {
                return true;
            }

            foreach (var listed in _lockMethods)
            {
                var dot = listed.LastIndexOf('.');
                if (dot >= 0 && listed.Length - dot - 1 == name.Length && string.CompareOrdinal(listed, dot + 1, name, 0, name.Length) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Contains(IReadOnlyCollection<string> values, string value)
        {
            foreach (var candidate in values)
            {
                if (string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private static string[]? Read(AnalyzerConfigOptions options, string key)
        {
            if (!options.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            var parts = text.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries);
            var result = new List<string>(parts.Length);
            foreach (var part in parts)
            {
                var trimmed = part.Trim();
                if (trimmed.Length > 0)
                {
                    result.Add(trimmed);
                }
            }

            return result.ToArray();
        }
    }
}
