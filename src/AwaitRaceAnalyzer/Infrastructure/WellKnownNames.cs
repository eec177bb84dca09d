namespace AwaitRaceAnalyzer.Infrastructure
{
    /// <summary>
    /// Every type and member name that both the analysis and the code fixes recognise, defined once so the analyzer
    /// and the fixes cannot drift apart (the fixes see these through <c>InternalsVisibleTo</c>).
    /// </summary>
    internal static class WellKnownNames
    {
        public const string SemaphoreSlim = "System.Threading.SemaphoreSlim";
        public const string Interlocked = "System.Threading.Interlocked";
        public const string Monitor = "System.Threading.Monitor";
        public const string Volatile = "System.Threading.Volatile";
        public const string AsyncLocal = "System.Threading.AsyncLocal`1";
        public const string ThreadLocal = "System.Threading.ThreadLocal`1";
        public const string AsyncDisposable = "System.IAsyncDisposable";
        public const string CancellationToken = "System.Threading.CancellationToken";

        /// <summary>SemaphoreSlim members that take the semaphore.</summary>
        public const string Wait = "Wait";
        public const string WaitAsync = "WaitAsync";

        /// <summary>The SemaphoreSlim member that gives it back.</summary>
        public const string Release = "Release";

        /// <summary>Monitor members that a <c>lock</c> statement lowers to.</summary>
        public const string Enter = "Enter";
        public const string Exit = "Exit";

        /// <summary>The members a <c>foreach</c> lowers to.</summary>
        public const string GetEnumerator = "GetEnumerator";
        public const string MoveNext = "MoveNext";

        /// <summary>Members that release an awaited lock handle.</summary>
        public const string Dispose = "Dispose";
        public const string DisposeAsync = "DisposeAsync";

        /// <summary>Interlocked members that can make a one-shot gate (<c>if (Interlocked.Exchange(ref _closed, 1) == 0)</c>).</summary>
        public const string Exchange = "Exchange";
        public const string CompareExchange = "CompareExchange";
        public const string Increment = "Increment";

        public const string ConfigureAwait = "ConfigureAwait";
        public const string VolatileRead = "Read";

        public static bool IsSemaphoreAcquire(string methodName) => methodName is Wait or WaitAsync;
    }
}
