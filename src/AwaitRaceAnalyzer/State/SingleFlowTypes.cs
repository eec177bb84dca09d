using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// The default of <c>await_race.ignored_types</c>, in one place: types whose instances one flow owns by their
    /// .NET contract or their framework's design, so the instance state of them and of the types derived from them is
    /// not shared. Streams allow one outstanding read or write; ADO.NET connections, commands, readers, transactions
    /// and batches are not thread-safe; <c>MoveNextAsync</c> of an async enumerator is never called concurrently;
    /// ASP.NET Core creates a controller, page model or hub per request or invocation. Recognised by full name, so no
    /// package reference is needed. Static state of these types is still shared.
    /// </summary>
    internal static class SingleFlowTypes
    {
        public static readonly ImmutableArray<string> Defaults = ImmutableArray.Create(
            "System.IO.Stream",
            "System.Data.Common.DbConnection",
            "System.Data.Common.DbCommand",
            "System.Data.Common.DbDataReader",
            "System.Data.Common.DbTransaction",
            "System.Data.Common.DbBatch",
            "System.Collections.Generic.IAsyncEnumerator",
            "Microsoft.AspNetCore.Mvc.ControllerBase",
            "Microsoft.AspNetCore.Mvc.RazorPages.PageModel",
            "Microsoft.AspNetCore.SignalR.Hub");

        /// <summary>The token in <c>await_race.ignored_types</c> that stands for <see cref="Defaults"/>.</summary>
        public const string DefaultsToken = "default";

        private static readonly SymbolDisplayFormat FullNameFormat = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.None);

        /// <summary>
        /// True when <paramref name="type"/>, a base type of it or an interface it implements is named in
        /// <paramref name="names"/>. It runs for every member the analysis resolves, so a full name is only built for
        /// a type whose simple name is in <paramref name="simpleNames"/>.
        /// </summary>
        public static bool IsOrDerivesFromAny(ITypeSymbol? type, ImmutableHashSet<string> names, ImmutableHashSet<string> simpleNames)
        {
            if (type is null || names.IsEmpty)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (Named(current, names, simpleNames))
                {
                    return true;
                }
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (Named(implemented, names, simpleNames))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Named(ITypeSymbol type, ImmutableHashSet<string> names, ImmutableHashSet<string> simpleNames)
            => simpleNames.Contains(type.Name) && names.Contains(type.OriginalDefinition.ToDisplayString(FullNameFormat));
    }
}
