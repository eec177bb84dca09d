using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// Evidence of concurrent use from how the compilation calls a method: each kind of fan-out promotes a check-then-act
/// in a type with no sign of its own (AWR102) to AWR002, names the evidence in the message and adds the concurrent
/// call site (#3) as a location. Each next to the nearby code that is no evidence: calls awaited one after the other,
/// a new object per task, a lock around the call.
/// </summary>
public class ConcurrencyEvidenceTests
{
    private const string Usings = "using System; using System.Linq; using System.Threading; using System.Threading.Tasks; using System.Collections.Generic;\n";

    /// <summary>A cache with no synchronisation at all: on its own, its check-then-act is AWR102.</summary>
    private const string Cache = """
        public sealed class ThumbnailCache
        {
            private bool _warm;

            Task RenderAsync(string path) => Task.CompletedTask;

            public async Task<byte[]> GetAsync(string path)
            {
                if ({|#1:_warm|})
                {
                    return new byte[0];
                }

                {|#2:await RenderAsync(path)|};
                {|#0:_warm = true|};
                return new byte[1];
            }
        }

        public sealed record Item(string Path);

        """;

    private const string Message = "'_warm' is written under a check of it made before 'await RenderAsync(path)'; other tasks can change it during the await, so the check no longer holds";

    private static DiagnosticResult Promoted(string evidence)
        => Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithArguments("_warm", "await RenderAsync(path)", evidence);

    private static DiagnosticResult Advisory()
        => Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("_warm", "await RenderAsync(path)", string.Empty);

    [Fact]
    public Task ProjectionThatReachesWhenAll_PromotesWithEvidence()
        => Verify.VerifyAnalyzerAsync(Usings + Cache + """
            public class GalleryPage
            {
                private readonly ThumbnailCache _cache = new ThumbnailCache();

                public async Task LoadAsync(List<Item> gallery)
                {
                    var thumbs = await {|#3:Task.WhenAll(gallery.Select(item => _cache.GetAsync(item.Path)))|};
                }
            }
            """, Promoted("; GetAsync runs concurrently on one ThumbnailCache (Task.WhenAll in GalleryPage.LoadAsync)"));

    [Fact]
    public async Task PromotedMessage_ReadsAsOneSentence()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + Cache + """
                public class GalleryPage
                {
                    public async Task LoadAsync(ThumbnailCache cache, List<Item> gallery)
                    {
                        var thumbs = await {|#3:Task.WhenAll(gallery.Select(item => cache.GetAsync(item.Path)))|};
                    }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithMessage(Message + "; GetAsync runs concurrently on one ThumbnailCache (Task.WhenAll in GalleryPage.LoadAsync)"));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("{|#3:Task.Run(() => _cache.GetAsync(path))|};", "Task.Run")]
    [InlineData("{|#3:Parallel.ForEach(new[] { path }, p => _cache.GetAsync(p).Wait())|};", "Parallel.ForEach")]
    [InlineData("{|#3:ThreadPool.QueueUserWorkItem(_ => _cache.GetAsync(path))|};", "ThreadPool.QueueUserWorkItem")]
    [InlineData("{|#3:new Thread(() => _cache.GetAsync(path).Wait())|}.Start();", "new Thread")]
    [InlineData("var timer = {|#3:new Timer(_ => _cache.GetAsync(path), null, 0, 1000)|};", "a timer callback")]
    [InlineData("for (var i = 0; i < 3; i++) { {|#3:_ = _cache.GetAsync(path)|}; }", "a task started without await")]
    [InlineData("var tasks = new List<Task>(); foreach (var p in new[] { path }) { tasks.Add(_cache.GetAsync(p)); } await {|#3:Task.WhenAll(tasks)|};", "Task.WhenAll")]
    [InlineData("await {|#3:Task.WhenAny(_cache.GetAsync(path), _cache.GetAsync(path + \"@2x\"))|};", "Task.WhenAny")]
    public Task EachKindOfFanOut_PromotesWithEvidence(string fanOut, string how)
        => Verify.VerifyAnalyzerAsync(Usings + Cache + $$"""
            public class Preloader
            {
                private readonly ThumbnailCache _cache = new ThumbnailCache();

                public async Task PreloadAsync(string path)
                {
                    {{fanOut}}
                    await Task.Yield();
                }
            }
            """, Promoted($"; GetAsync runs concurrently on one ThumbnailCache ({how} in Preloader.PreloadAsync)"));

    [Theory]
    [InlineData("foreach (var item in gallery) { await _cache.GetAsync(item.Path); }")]
    [InlineData("await Task.WhenAll(gallery.Select(item => new ThumbnailCache().GetAsync(item.Path)));")]
    [InlineData("foreach (var item in gallery) { var own = new ThumbnailCache(); _ = own.GetAsync(item.Path); }")]
    [InlineData("await Task.WhenAll(gallery.Select(async item => { await _gate.WaitAsync(); try { await _cache.GetAsync(item.Path); } finally { _gate.Release(); } }));")]
    [InlineData("await Task.Run(() => { lock (_sync) { _cache.GetAsync(\"x\").Wait(); } });")]
    public Task SerialisedOrPerTaskCalls_AreNoEvidence(string calls)
        => Verify.VerifyAnalyzerAsync(Usings + Cache + $$"""
            public class GalleryPage
            {
                private readonly ThumbnailCache _cache = new ThumbnailCache();
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private readonly object _sync = new object();

                public async Task LoadAsync(List<Item> gallery)
                {
                    {{calls}}
                }
            }
            """, Advisory());

    [Fact]
    public Task ValueDiscardedInALoop_IsNoStartedTask()
        => Verify.VerifyAnalyzerAsync(Usings + Cache.Replace("public async Task<byte[]> GetAsync", "public int Peek() { GetAsync(\"x\"); return 1; }\n\n    public async Task<byte[]> GetAsync") + """
            public class Other
            {
                public Task Peek() => Task.CompletedTask;
            }

            public class GalleryPage
            {
                private readonly ThumbnailCache _cache = new ThumbnailCache();

                public void Count(List<Item> gallery)
                {
                    foreach (var item in gallery) { _ = _cache.Peek(); }
                }
            }
            """, Advisory());

    [Fact]
    public Task TaskDiscardedInALoop_ReachesWhatTheTaskCallsOnThis()
        => Verify.VerifyAnalyzerAsync(Usings + Cache.Replace("public async Task<byte[]> GetAsync", "public Task PeekAsync() => GetAsync(\"x\");\n\n    public async Task<byte[]> GetAsync") + """
            public class GalleryPage
            {
                private readonly ThumbnailCache _cache = new ThumbnailCache();

                public void Count(List<Item> gallery)
                {
                    foreach (var item in gallery) { {|#3:_ = _cache.PeekAsync()|}; }
                }
            }
            """, Promoted("; GetAsync runs concurrently on one ThumbnailCache (a task started without await in GalleryPage.Count, through PeekAsync)"));

    private const string Watcher = """
        public sealed class FileWatcher
        {
            public event EventHandler<string>? Changed;
        }

        """;

    [Fact]
    public Task AsyncLambdaSubscribedToAnEvent_PromotesWithEvidence()
        => Verify.VerifyAnalyzerAsync(Usings + Cache + Watcher + """
            public class Preloader
            {
                private readonly ThumbnailCache _cache = new ThumbnailCache();

                public void Start(FileWatcher watcher) => {|#3:watcher.Changed += async (sender, path) => await _cache.GetAsync(path)|};
            }
            """, Promoted("; GetAsync runs concurrently on one ThumbnailCache (an async handler of FileWatcher.Changed in Preloader.Start)"));

    [Fact]
    public Task AsyncMethodSubscribedToAnEvent_PromotesThroughIt()
        => Verify.VerifyAnalyzerAsync(Usings + Cache + Watcher + """
            public class Preloader
            {
                private readonly ThumbnailCache _cache = new ThumbnailCache();

                public void Start(FileWatcher watcher) => {|#3:watcher.Changed += OnChanged|};

                private async void OnChanged(object? sender, string path) => await _cache.GetAsync(path);
            }
            """, Promoted("; GetAsync runs concurrently on one ThumbnailCache (an async handler of FileWatcher.Changed in Preloader.Start, through OnChanged)"));

    [Fact]
    public Task HandlerThatFinishesBeforeReturningToTheRaiser_IsNoEvidence()
        => Verify.VerifyAnalyzerAsync(Usings + Cache + Watcher + """
            public class Preloader
            {
                private readonly ThumbnailCache _cache = new ThumbnailCache();

                public void Start(FileWatcher watcher) => watcher.Changed += (sender, path) => _cache.GetAsync(path).Wait();
            }
            """, Advisory());

    private const string Pump = """
        public sealed class Pump
        {
            private int _state;

            Task HandshakeAsync() => Task.CompletedTask;
            Task<int> ReceiveAsync() => Task.FromResult(1);

            public void Start() => _ = START;

            private async Task ReceiveLoopAsync()
            {
                while (true)
                {
                    _state = await ReceiveAsync();
                }
            }

            VISIBILITY async Task OpenAsync()
            {
                if ({|#1:_state|} != 0)
                {
                    return;
                }

                {|#2:await HandshakeAsync()|};
                {|#0:_state = 1|};
            }
        }

        """;

    [Fact]
    public Task MethodCallableFromOutsideThatWritesWhatABackgroundLoopWrites_IsPromoted()
        => Verify.VerifyAnalyzerAsync(Usings + Pump.Replace("VISIBILITY", "public").Replace("START", "{|#3:Task.Run(() => ReceiveLoopAsync())|}"),
            Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
                .WithArguments("_state", "await HandshakeAsync()", "; OpenAsync runs while ReceiveLoopAsync, started in the background (Task.Run in Pump.Start), also writes '_state'"));

    [Fact]
    public Task PrivateMethodNoOneOutsideCalls_IsNotPromotedByTheBackgroundLoop()
        => Verify.VerifyAnalyzerAsync(Usings + Pump.Replace("VISIBILITY", "private").Replace("START", "Task.Run(() => ReceiveLoopAsync())"),
            Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_state", "await HandshakeAsync()", string.Empty));

    private const string HostedWorker = """
        namespace Microsoft.Extensions.Hosting
        {
            public abstract class BackgroundService
            {
                protected abstract Task ExecuteAsync(CancellationToken stoppingToken);
            }
        }

        public sealed class Refresher : Microsoft.Extensions.Hosting.BackgroundService
        {
            private DateTime _refreshed;

            Task RefreshCoreAsync() => Task.CompletedTask;

            protected override async Task EXECUTE(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await RefreshCoreAsync();
                    LOOPWRITE
                }
            }

            public async Task RefreshNowAsync()
            {
                if (DateTime.UtcNow - {|#1:_refreshed|} < TimeSpan.FromMinutes(1))
                {
                    return;
                }

                {|#2:await RefreshCoreAsync()|};
                {|#0:_refreshed = DateTime.UtcNow|};
            }
        }

        """;

    [Fact]
    public Task MethodThatWritesWhatAHostedServiceLoopWrites_IsPromoted()
        => Verify.VerifyAnalyzerAsync(Usings + HostedWorker.Replace("EXECUTE", "{|#3:ExecuteAsync|}").Replace("LOOPWRITE", "_refreshed = DateTime.UtcNow;"),
            Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
                .WithArguments("_refreshed", "await RefreshCoreAsync()", "; RefreshNowAsync runs while ExecuteAsync, started in the background (a hosted service's ExecuteAsync in Refresher.ExecuteAsync), also writes '_refreshed'"));

    [Fact]
    public Task HostedServiceLoopThatWritesOtherState_IsNoEvidence()
        => Verify.VerifyAnalyzerAsync(Usings + HostedWorker.Replace("EXECUTE", "ExecuteAsync").Replace("LOOPWRITE", "Console.WriteLine(\"refreshed\");"),
            Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_refreshed", "await RefreshCoreAsync()", string.Empty));

    [Fact]
    public Task MethodReachedOnlyThroughACallerThatClaimsItsRun_IsNotPromoted()
        => Verify.VerifyAnalyzerAsync(Usings + Statistics + """
            public sealed class Bot
            {
                private readonly Statistics _statistics = new Statistics();
                private Timer _timer;
                private object? _beating;

                public void Start() => _timer = new Timer(async _ => await BeatAsync(), null, 1000, 1000);

                private async Task BeatAsync()
                {
                    if (Interlocked.CompareExchange(ref _beating, new object(), null) != null)
                    {
                        return;
                    }

                    try
                    {
                        await _statistics.OnBeatAsync();
                    }
                    finally
                    {
                        Volatile.Write(ref _beating, null);
                    }
                }
            }
            """, Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_lastBeat", "await PostAsync()", string.Empty));

    [Fact]
    public Task EvidenceInAnotherFile_Promotes()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/0/Cache.cs", Usings + Cache));
        test.TestState.Sources.Add(("/0/Page.cs", Usings + """
            public class GalleryPage
            {
                public Task LoadAsync(ThumbnailCache cache, List<Item> gallery)
                    => {|#3:Task.WhenAll(gallery.Select(item => cache.GetAsync(item.Path)))|};
            }
            """));
        test.ExpectedDiagnostics.Add(Promoted("; GetAsync runs concurrently on one ThumbnailCache (Task.WhenAll in GalleryPage.LoadAsync)"));
        return test.RunAsync();
    }

    [Fact]
    public Task MethodCalledOnThisByAConcurrentlyRunMethod_IsPromotedThroughIt()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class Indexer
            {
                private readonly Dictionary<string, int> _counts = new Dictionary<string, int>();

                Task<int> CountAsync(string word) => Task.FromResult(word.Length);

                private async Task AddWordAsync(string word)
                {
                    if ({|#1:_counts.ContainsKey(word)|})
                    {
                        return;
                    }

                    var count = {|#2:await CountAsync(word)|};
                    {|#0:_counts.Add(word, count)|};
                }

                public Task IndexAsync(string word) => AddWordAsync(word);

                public Task IndexAllAsync(string[] words) => {|#3:Task.WhenAll(words.Select(IndexAsync))|};
            }
            """, Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
                .WithArguments("_counts", "await CountAsync(word)", "; AddWordAsync runs concurrently on one Indexer (Task.WhenAll in Indexer.IndexAllAsync, through IndexAsync)"));

    [Fact]
    public Task MethodCalledOnThisByALoopStartedOnceInTheBackground_IsNotPromoted()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class Connection
            {
                private bool _connected;

                Task HandshakeAsync() => Task.CompletedTask;

                private async Task ConnectAsync()
                {
                    if ({|#1:_connected|})
                    {
                        return;
                    }

                    {|#2:await HandshakeAsync()|};
                    {|#0:_connected = true|};
                }

                private async Task ReconnectLoopAsync()
                {
                    while (true)
                    {
                        await ConnectAsync();
                        await Task.Delay(1000);
                    }
                }

                public void Start() => _ = Task.Run(() => ReconnectLoopAsync());
            }
            """, Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_connected", "await HandshakeAsync()", string.Empty));

    [Fact]
    public Task MethodCalledOnThisByATaskStartedInALoop_IsPromoted()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class Connection
            {
                private bool _connected;

                Task HandshakeAsync() => Task.CompletedTask;

                private async Task ConnectAsync()
                {
                    if ({|#1:_connected|})
                    {
                        return;
                    }

                    {|#2:await HandshakeAsync()|};
                    {|#0:_connected = true|};
                }

                private async Task ServeAsync() => await ConnectAsync();

                public void Start(int clients)
                {
                    for (var i = 0; i < clients; i++)
                    {
                        _ = {|#3:Task.Run(() => ServeAsync())|};
                    }
                }
            }
            """, Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
                .WithArguments("_connected", "await HandshakeAsync()", "; ConnectAsync runs concurrently on one Connection (Task.Run in Connection.Start, through ServeAsync)"));

    /// <summary>A statistics sender with no synchronisation: on its own, its throttled send is AWR102.</summary>
    private const string Statistics = """
        public sealed class Statistics
        {
            private DateTime _lastBeat = DateTime.MinValue;

            Task PostAsync() => Task.CompletedTask;

            public async Task OnBeatAsync()
            {
                if (DateTime.UtcNow < {|#1:_lastBeat|}.AddMinutes(5))
                {
                    return;
                }

                {|#2:await PostAsync()|};
                {|#0:_lastBeat = DateTime.UtcNow|};
            }
        }

        """;

    [Fact]
    public Task MethodCalledOnAFieldByAConcurrentlyRunMethod_IsPromotedThroughIt()
        => Verify.VerifyAnalyzerAsync(Usings + Statistics + """
            public sealed class Bot
            {
                private readonly Statistics _statistics = new Statistics();
                private Timer _timer;

                public void Start() => _timer = {|#3:new Timer(async _ => await BeatAsync(), null, 1000, 1000)|};

                private async Task BeatAsync()
                {
                    await Task.Yield();
                    _statistics?.OnBeatAsync().ContinueWith(_ => { });
                }
            }
            """, Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
                .WithArguments("_lastBeat", "await PostAsync()", "; OnBeatAsync runs concurrently on one Statistics (a timer callback in Bot.Start, through BeatAsync)"));

    [Fact]
    public Task MethodCalledOnANewObjectByAConcurrentlyRunMethod_IsNotPromoted()
        => Verify.VerifyAnalyzerAsync(Usings + Statistics + """
            public sealed class Bot
            {
                private Timer _timer;

                public void Start() => _timer = new Timer(async _ => await BeatAsync(), null, 1000, 1000);

                private async Task BeatAsync()
                {
                    var statistics = new Statistics();
                    await statistics.OnBeatAsync();
                }
            }
            """, Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_lastBeat", "await PostAsync()", string.Empty));

    [Fact]
    public Task TypeListedAsConcurrent_Promotes()
    {
        var test = new Verify.Test { TestCode = Usings + "namespace Lib {\n" + Cache + "}\n" };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*]\nawait_race.concurrent_types = Lib.ThumbnailCache\n"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("_warm", "await RenderAsync(path)", "; GetAsync runs concurrently on one ThumbnailCache (listed in await_race.concurrent_types)"));
        return test.RunAsync();
    }

    [Fact]
    public Task OtherTypeListedAsConcurrent_DoesNotPromote()
    {
        var test = new Verify.Test { TestCode = Usings + "namespace Lib {\n" + Cache + "}\n" };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*]\nawait_race.concurrent_types = Lib.OtherClient\n"));
        test.ExpectedDiagnostics.Add(Advisory());
        return test.RunAsync();
    }

    [Fact]
    public Task LostUpdateWithEvidence_NamesIt()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class Counter
            {
                private int _count;

                public async Task IncrementAsync()
                {
                    var current = {|#1:_count|};
                    {|#2:await Task.Delay(1)|};
                    {|#0:_count = current + 1|};
                }
            }

            public static class Program
            {
                public static Task RunAsync(Counter counter)
                    => {|#3:Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => counter.IncrementAsync()))|};
            }
            """, Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
                .WithArguments("_count", "await Task.Delay(1)", "; IncrementAsync runs concurrently on one Counter (Task.WhenAll in Program.RunAsync)"));
}
