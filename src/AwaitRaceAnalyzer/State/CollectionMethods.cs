namespace AwaitRaceAnalyzer.State
{
    internal enum CollectionMethodKind
    {
        None,
        Read,
        Write,
    }

    /// <summary>The collection members that read or change contents, by name (BCL, concurrent and immutable-builder collections share them).</summary>
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
                case "RemoveAt":
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
