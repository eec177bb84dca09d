using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// Lost updates and check-then-acts that real code writes: whole-object replacement, values through lambdas and local
/// functions, lock regions split by an await, more collection members, null-conditional and pattern tests, reads and
/// writes through trivial accessors. Each shape next to a nearby variant that is safe.
/// </summary>
public class MoreShapesTests
{
    private const string Usings = "using System; using System.Linq; using System.Threading; using System.Threading.Tasks; using System.Collections.Generic;\n";

    /// <summary>The write at #0, the stale read at #1, the suspension point at #2.</summary>
    private static DiagnosticResult LostUpdate(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    private static DiagnosticResult CheckThenAct(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    /// <summary>The same shape where the code shows no sign of concurrent use: AWR102, the same locations.</summary>
    private static DiagnosticResult Advisory(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    private const string Settings = """
        class Settings
        {
            public Settings(int volume) { Volume = volume; }

            public Settings() { }

            public int Volume { get; init; }

            public string Theme { get; init; } = "";
        }

        """;

    // 1. Replacing an object that was built from its own members.

    [Fact]
    public Task ObjectReplacedWithAValueBuiltFromItsMember_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + Settings + """
            class Player
            {
                private Settings _settings = new Settings(1);

                async Task LouderAsync()
                {
                    var volume = {|#1:_settings|}.Volume;
                    {|#2:await Task.Delay(1)|};
                    {|#0:_settings = new Settings(volume + 1)|};
                }
            }
            """, LostUpdate("_settings", "await Task.Delay(1)"));

    [Fact]
    public Task ObjectInitializerReadingTheOldMemberBeforeAnAwait_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + Settings + """
            class Player
            {
                private Settings _settings = new Settings(1);

                Task<string> LoadThemeAsync() => Task.FromResult("dark");

                async Task ApplyAsync(int step)
                {
                    {|#0:_settings = new Settings { Volume = {|#1:_settings|}.Volume + step, Theme = {|#2:await LoadThemeAsync()|} }|};
                }
            }
            """, LostUpdate("_settings", "await LoadThemeAsync()"));

    [Fact]
    public Task TestOfAMemberGuardsAReplacementOfTheObject_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + Settings + """
            class Player
            {
                private Settings _settings = new Settings(0);

                Task<Settings> LoadAsync() => Task.FromResult(new Settings(5));

                async Task InitAsync()
                {
                    if ({|#1:_settings|}.Volume == 0)
                    {
                        var loaded = {|#2:await LoadAsync()|};
                        {|#0:_settings = loaded|};
                    }
                }
            }
            """, Advisory("_settings", "await LoadAsync()"));

    [Fact]
    public Task ReplacementUnderOneHeldSemaphore_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + Settings + """
            class Player
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private Settings _settings = new Settings(1);

                async Task LouderAsync()
                {
                    await _gate.WaitAsync();
                    try
                    {
                        var volume = _settings.Volume;
                        await Task.Delay(1);
                        _settings = new Settings(volume + 1);
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            }
            """);

    // 2. Values flowing through lambdas and local functions.

    [Fact]
    public Task StaleValueCapturedByTheLambdaWhoseResultIsStored_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Store
            {
                private int _state;

                static int Reduce(int state, int action) => state + action;

                async Task DispatchAsync(int action)
                {
                    var current = {|#1:_state|};
                    {|#0:_state = {|#2:await Task.Run(() => Reduce(current, action))|}|};
                }
            }
            """, LostUpdate("_state", "await Task.Run(() => Reduce(current, action))"));

    [Fact]
    public Task LocalFunctionCapturingAStaleValue_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task IncrementAsync()
                {
                    var current = {|#1:_count|};
                    int Next() => current + 1;
                    {|#2:await Task.Yield()|};
                    {|#0:_count = Next()|};
                }
            }
            """, LostUpdate("_count", "await Task.Yield()"));

    [Fact]
    public Task DelegateBuiltBeforeTheAwaitInvokedAfterIt_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task IncrementAsync()
                {
                    var current = {|#1:_count|};
                    Func<int> next = () => current + 1;
                    {|#2:await Task.Yield()|};
                    {|#0:_count = next()|};
                }
            }
            """, LostUpdate("_count", "await Task.Yield()"));

    [Fact]
    public Task LambdaThatCapturesNoStaleValue_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Store
            {
                private int _state;

                static int Reduce(int action) => action * 2;

                async Task DispatchAsync(int action)
                {
                    var unrelated = action;
                    _state = await Task.Run(() => Reduce(unrelated));
                    _state++;
                }
            }
            """);

    // 3. A lock released between the read and the write.

    [Fact]
    public Task ReadAndWriteUnderTwoAcquisitionsOfOneSemaphore_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private int _count;

                async Task IncrementAsync()
                {
                    int current;
                    await _gate.WaitAsync();
                    try
                    {
                        current = {|#1:_count|};
                    }
                    finally
                    {
                        _gate.Release();
                    }

                    {|#2:await Task.Delay(1)|};
                    await _gate.WaitAsync();
                    try
                    {
                        {|#0:_count = current + 1|};
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            }
            """, LostUpdate("_count", "await Task.Delay(1)"));

    [Fact]
    public Task ReadAndWriteUnderTwoAsyncLockHandles_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class AsyncLock
            {
                public Task<IDisposable> LockAsync() => throw new NotImplementedException();
            }

            class Counter
            {
                private readonly AsyncLock _lock = new AsyncLock();
                private int _count;

                async Task IncrementAsync()
                {
                    int current;
                    using (await _lock.LockAsync())
                    {
                        current = {|#1:_count|};
                    }

                    {|#2:await Task.Delay(1)|};
                    using (await _lock.LockAsync())
                    {
                        {|#0:_count = current + 1|};
                    }
                }
            }
            """, LostUpdate("_count", "await Task.Delay(1)"));

    // 4. More collection members.

    [Fact]
    public Task CountTestThenAddRange_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Feed
            {
                private readonly List<int> _items = new List<int>();
                private int _total = 100;

                Task<int[]> LoadPageAsync() => Task.FromResult(new[] { 1 });

                async Task LoadMoreAsync()
                {
                    if ({|#1:_items.Count|} < _total)
                    {
                        var page = {|#2:await LoadPageAsync()|};
                        {|#0:_items.AddRange(page)|};
                    }
                }
            }
            """, Advisory("_items", "await LoadPageAsync()"));

    [Fact]
    public Task AnyTestThenInsertRange_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Feed
            {
                private readonly List<int> _items = new List<int>();

                Task<int[]> LoadPageAsync() => Task.FromResult(new[] { 1 });

                async Task LoadFirstAsync()
                {
                    if (!{|#1:_items.Any()|})
                    {
                        var page = {|#2:await LoadPageAsync()|};
                        {|#0:_items.InsertRange(0, page)|};
                    }
                }
            }
            """, Advisory("_items", "await LoadPageAsync()"));

    [Fact]
    public Task ContainsTestThenHashSetAddOfAProcessedId_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Processor
            {
                private readonly HashSet<int> _done = new HashSet<int>();

                Task ProcessAsync(int id) => Task.CompletedTask;

                async Task HandleAsync(int id)
                {
                    if (!{|#1:_done.Contains(id)|})
                    {
                        {|#2:await ProcessAsync(id)|};
                        {|#0:_done.UnionWith(new[] { id })|};
                    }
                }
            }
            """, Advisory("_done", "await ProcessAsync(id)"));

    [Fact]
    public Task SameShapesOnALocalCollection_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Feed
            {
                Task<int[]> LoadPageAsync() => Task.FromResult(new[] { 1 });

                async Task<int> LoadAllAsync()
                {
                    var items = new List<int>();
                    while (items.Count < 100)
                    {
                        var page = await LoadPageAsync();
                        items.AddRange(page);
                        if (!items.Any())
                        {
                            items.InsertRange(0, await LoadPageAsync());
                        }
                    }

                    return items.Count;
                }
            }
            """);

    // 5. Tests written with null-conditional access and patterns.

    [Fact]
    public Task NullConditionalMemberTest_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Detail
            {
                public int Id { get; set; }
            }

            class ViewModel
            {
                public Detail? Selected { get; set; }

                Task<Detail> LoadAsync(int id) => Task.FromResult(new Detail { Id = id });

                async Task SelectAsync(int id)
                {
                    if ({|#1:Selected|}?.Id != id)
                    {
                        var detail = {|#2:await LoadAsync(id)|};
                        {|#0:Selected = detail|};
                    }
                }
            }
            """, Advisory("Selected", "await LoadAsync(id)"));

    [Fact]
    public Task NullConditionalCountTest_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Buffer
            {
                private List<int>? _pending;

                Task FlushAsync(List<int> items) => Task.CompletedTask;

                async Task FlushIfAnyAsync()
                {
                    if ({|#1:_pending|}?.Count > 0)
                    {
                        {|#2:await FlushAsync(_pending)|};
                        {|#0:_pending = new List<int>()|};
                    }
                }
            }
            """, Advisory("_pending", "await FlushAsync(_pending)"));

    [Fact]
    public Task NullConditionalTestRepeatedAfterTheAwait_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Detail
            {
                public int Id { get; set; }
            }

            class ViewModel
            {
                public Detail? Selected { get; set; }

                Task<Detail> LoadAsync(int id) => Task.FromResult(new Detail { Id = id });

                async Task SelectAsync(int id)
                {
                    var detail = await LoadAsync(id);
                    if (Selected?.Id != id)
                    {
                        Selected = detail;
                    }
                }
            }
            """);

    // 6. Reads and writes through trivial members of the same type.

    [Fact]
    public Task ReadThroughATrivialGetterMethod_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                int GetCount() => _count;

                async Task IncrementAsync()
                {
                    var current = {|#1:GetCount()|};
                    {|#2:await Task.Yield()|};
                    {|#0:_count = current + 1|};
                }
            }
            """, LostUpdate("_count", "await Task.Yield()"));

    [Fact]
    public Task ReadThroughAnExpressionBodiedProperty_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                public int Count => _count;

                async Task IncrementAsync()
                {
                    var current = {|#1:Count|};
                    {|#2:await Task.Yield()|};
                    {|#0:_count = current + 1|};
                }
            }
            """, LostUpdate("_count", "await Task.Yield()"));

    [Fact]
    public Task WriteThroughATrivialSetter_Reports()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                public int Count
                {
                    get { return _count; }
                    set { _count = value; }
                }

                async Task IncrementAsync()
                {
                    var current = {|#1:_count|};
                    {|#2:await Task.Yield()|};
                    {|#0:Count = current + 1|};
                }
            }
            """, LostUpdate("Count", "await Task.Yield()"));

    [Fact]
    public Task FreshReadThroughTheAccessorAfterTheAwait_NoDiagnostic()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                int GetCount() => _count;

                public int Count => _count;

                async Task IncrementAsync()
                {
                    await Task.Yield();
                    _count = GetCount() + 1;
                    await Task.Yield();
                    _count = Count + 1;
                }
            }
            """);
}
