namespace AwaitRaceAnalyzer.State
{
    internal enum CollectionMethodKind
    {
        None,
        Read,
        Write,
    }

    /// <summary>
    /// The table of collection members that read or change contents, by member name, for any receiver that is an
    /// <c>IEnumerable</c>: the BCL mutable collections (<c>List</c>, <c>Dictionary</c>, <c>HashSet</c>, <c>Queue</c>,
    /// <c>Stack</c>, <c>Sorted*</c>, <c>LinkedList</c>, <c>ObservableCollection</c>), their interfaces, the concurrent
    /// collections and immutable builders share these names, so a new collection type needs no row; a new member is one.
    /// Lookups are reads too, in the collection's own methods and in LINQ (<c>FirstOrDefault</c>, <c>Any</c>,
    /// <c>Count(predicate)</c>…): a test of their result is a check of the collection.
    /// </summary>
    internal static class CollectionMethods
    {
        public static CollectionMethodKind Classify(string name, out bool takesKey)
        {
            switch (name)
            {
                case "ContainsKey":
                case "Contains":
                case "TryGetValue":
                    takesKey = true;
                    return CollectionMethodKind.Read;
                case "ContainsValue":
                case "IndexOf":
                case "Peek":
                case "TryPeek":
                case "Exists":
                case "Find":
                case "FindIndex":
                case "TrueForAll":
                case "Any":
                case "All":
                case "FirstOrDefault":
                case "SingleOrDefault":
                case "LastOrDefault":
                case "First":
                case "Single":
                case "Last":
                case "Count":
                case "LongCount":
                    takesKey = false;
                    return CollectionMethodKind.Read;
                case "Add":
                case "TryAdd":
                case "Remove":
                case "TryRemove":
                case "AddOrUpdate":
                    takesKey = true;
                    return CollectionMethodKind.Write;
                case "Clear":
                case "Insert":
                case "InsertRange":
                case "AddRange":
                case "RemoveAt":
                case "RemoveAll":
                case "RemoveRange":
                case "UnionWith":
                case "ExceptWith":
                case "IntersectWith":
                case "SymmetricExceptWith":
                case "AddFirst":
                case "AddLast":
                case "RemoveFirst":
                case "RemoveLast":
                case "Enqueue":
                case "Dequeue":
                case "TryDequeue":
                case "Push":
                case "Pop":
                case "TryPop":
                    takesKey = false;
                    return CollectionMethodKind.Write;
                default:
                    // TryUpdate(key, value, comparand) is deliberately absent: a compare-and-swap writes only when the
                    // state still holds the comparand, so it cannot overwrite an update made during an await.
                    takesKey = false;
                    return CollectionMethodKind.None;
            }
        }
    }
}
