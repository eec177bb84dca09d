using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// Lazy views of a collection: a LINQ step that only filters, projects, orders or slices
    /// (<c>_listeners.Where(p).Select(f).FirstOrDefault()</c>) and a dictionary's <c>Keys</c> or <c>Values</c>. A
    /// lookup through a view reads the collection under it, so a test of its result is a check of that collection.
    /// </summary>
    internal static class CollectionViews
    {
        /// <summary>The collection <paramref name="collection"/> is a view of, or itself.</summary>
        public static IOperation Underlying(IOperation collection)
        {
            while (true)
            {
                switch (collection.WithoutConversions())
                {
                    case IInvocationOperation { TargetMethod: { IsExtensionMethod: true } step } invocation
                        when invocation.Arguments.Length > 0 && IsLazyStep(step):
                        collection = invocation.Arguments[0].Value;
                        break;
                    case IPropertyReferenceOperation { Property.Name: "Keys" or "Values", Instance: { } owner }:
                        collection = owner;
                        break;
                    default:
                        return collection;
                }
            }
        }

        private static bool IsLazyStep(IMethodSymbol step)
            => step.ContainingType is { Name: "Enumerable" or "Queryable", ContainingNamespace.Name: "Linq", ContainingNamespace.ContainingNamespace.Name: "System" }
                && step.Name is "Where" or "Select" or "SelectMany" or "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending"
                    or "Skip" or "Take" or "SkipWhile" or "TakeWhile" or "OfType" or "Cast" or "Distinct" or "Reverse" or "AsEnumerable";
    }
}
