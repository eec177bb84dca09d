using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// The confidence model of the check-then-act rule: AWR002 (warning) where the code shows a sign of concurrent use,
/// AWR102 (suggestion) for the same shape where it shows none. Each sign is tested present and absent.
/// </summary>
public class AWR102AdvisoryCheckThenActAnalyzerTests
{
    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks; using System.Collections.Generic; using System.Collections.Concurrent;\n";

    /// <summary>
    /// A bounded counter (test, await, increment) in a class whose only other member is <c>{0}</c>: the write at #0,
    /// the stale test at #1, the suspension point at #2.
    /// </summary>
    private const string LimiterTemplate = """
        class Limiter
        {
            private const int Max = 10;
            private int _count;
            MEMBER

            Task F() => Task.CompletedTask;

            async Task EnterAsync()
            {
                if ({|#1:_count|} < Max)
                {
                    {|#2:await F()|};
                    {|#0:_count++|};
                }
            }
        }
        """;

    private static DiagnosticResult CheckThenAct(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    private static DiagnosticResult Advisory(string state, string suspension)
        => Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    private static string Limiter(string member) => Usings + LimiterTemplate.Replace("MEMBER", member);

    [Fact]
    public Task NoSignOfConcurrentUse_ReportsAdvisory()
        => Verify.VerifyAnalyzerAsync(Limiter("private string _name = \"limiter\";"), Advisory("_count", "await F()"));

    [Theory]
    [InlineData("private readonly object _sync = new object(); void Touch() { lock (_sync) { } }")]
    [InlineData("private readonly object _sync = new object(); void Touch() { Monitor.Enter(_sync); Monitor.Exit(_sync); }")]
    [InlineData("private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);")]
    [InlineData("private readonly Mutex _mutex = new Mutex();")]
    [InlineData("private readonly ReaderWriterLockSlim _rw = new ReaderWriterLockSlim();")]
    [InlineData("private SpinLock _spin = new SpinLock();")]
    [InlineData("private int _version; void Bump() => Interlocked.Increment(ref _version);")]
    [InlineData("private int _version; int Version() => Volatile.Read(ref _version);")]
    [InlineData("private volatile bool _stopping;")]
    [InlineData("private readonly ConcurrentDictionary<string, int> _seen = new ConcurrentDictionary<string, int>();")]
    [InlineData("private readonly BlockingCollection<int> _queue = new BlockingCollection<int>();")]
    [InlineData("[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.Synchronized)] void Touch() { }")]
    [InlineData("private readonly object _sync = new object(); void Touch() { \\u004donitor.Enter(_sync); \\u004donitor.Exit(_sync); }")]
    public Task SynchronisationInTheType_ReportsCheckThenAct(string member)
        => Verify.VerifyAnalyzerAsync(Limiter(member), CheckThenAct("_count", "await F()"));

    [Fact]
    public Task SignsOnlyInCommentsAndStrings_ReportsAdvisory()
        => Verify.VerifyAnalyzerAsync(
            Limiter("// lock (_sync), Interlocked, volatile, SemaphoreSlim\n    private string _name = \"Monitor, Mutex, ConcurrentBag, using (await x.LockAsync())\";"),
            Advisory("_count", "await F()"));

    /// <summary>Signs are looked for where their words occur in the text: each type name must hold one of those words.</summary>
    [Fact]
    public void EverySynchronisationTypeName_HoldsASignWord()
    {
        foreach (var name in AwaitRaceAnalyzer.Rules.TypeSynchronisation.SynchronisationTypeNames)
        {
            Assert.Contains(AwaitRaceAnalyzer.Rules.TypeSynchronisation.SignWords, word => name.Contains(word, StringComparison.Ordinal));
        }
    }

    [Fact]
    public Task LockObjectInTheType_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(
            Limiter("private readonly System.Threading.Lock _gate = new System.Threading.Lock();")
                + "\nnamespace System.Threading { public sealed class Lock { } }   // as in .NET 9; the tests reference .NET 8",
            CheckThenAct("_count", "await F()"));

    [Fact]
    public Task AwaitedLockHandleInTheType_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(
            Limiter("private readonly AsyncGate _gate = new AsyncGate(); async Task TouchAsync() { using (await _gate.LockAsync()) { } }")
                + "\nclass AsyncGate { public Task<IDisposable> LockAsync() => Task.FromResult<IDisposable>(null!); }",
            CheckThenAct("_count", "await F()"));

    [Fact]
    public Task AwaitedHandleOfAMethodThatIsNotALockMethod_ReportsAdvisory()
        => Verify.VerifyAnalyzerAsync(
            Limiter("private readonly Pool _pool = new Pool(); async Task TouchAsync() { using (await _pool.RentAsync()) { } }")
                + "\nclass Pool { public Task<IDisposable> RentAsync() => Task.FromResult<IDisposable>(null!); }",
            Advisory("_count", "await F()"));

    [Fact]
    public async Task AwaitedHandleOfAConfiguredLockMethod_ReportsCheckThenAct()
    {
        var test = new Verify.Test
        {
            TestCode = Limiter("private readonly Pool _pool = new Pool(); async Task TouchAsync() { using var lease = await _pool.RentAsync().ConfigureAwait(false); }")
                + "\nclass Pool { public Task<IDisposable> RentAsync() => Task.FromResult<IDisposable>(null!); }",
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nawait_race.lock_methods = Pool.RentAsync\n"));
        test.ExpectedDiagnostics.Add(CheckThenAct("_count", "await F()"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task SynchronisationInAnotherPartialDeclaration_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            partial class Limiter
            {
                private const int Max = 10;
                private int _count;

                Task F() => Task.CompletedTask;

                async Task EnterAsync()
                {
                    if ({|#1:_count|} < Max)
                    {
                        {|#2:await F()|};
                        {|#0:_count++|};
                    }
                }
            }

            partial class Limiter
            {
                private readonly object _sync = new object();

                void Reset()
                {
                    lock (_sync)
                    {
                    }
                }
            }
            """, CheckThenAct("_count", "await F()"));

    [Fact]
    public Task SynchronisationInASourceBaseType_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class ClientBase
            {
                protected readonly SemaphoreSlim Gate = new SemaphoreSlim(1, 1);
            }

            class Client : ClientBase
            {
                private const int Max = 10;
                private int _count;

                Task F() => Task.CompletedTask;

                async Task EnterAsync()
                {
                    if ({|#1:_count|} < Max)
                    {
                        {|#2:await F()|};
                        {|#0:_count++|};
                    }
                }
            }
            """, CheckThenAct("_count", "await F()"));

    [Fact]
    public Task SynchronisationOnlyInANestedType_ReportsAdvisory()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Limiter
            {
                private const int Max = 10;
                private int _count;

                Task F() => Task.CompletedTask;

                async Task EnterAsync()
                {
                    if ({|#1:_count|} < Max)
                    {
                        {|#2:await F()|};
                        {|#0:_count++|};
                    }
                }

                private sealed class Helper
                {
                    private readonly object _sync = new object();

                    void Touch()
                    {
                        lock (_sync)
                        {
                        }
                    }
                }
            }
            """, Advisory("_count", "await F()"));

    [Fact]
    public Task BaseTypeFromMetadata_ReportsAdvisory()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Slots : System.Collections.ObjectModel.Collection<string>
            {
                Task<string> ResolveAsync(string name) => Task.FromResult(name);

                async Task ResolveOneAsync(int i)
                {
                    if ({|#1:this[i]|} == "pending")
                    {
                        var resolved = {|#2:await ResolveAsync("x")|};
                        {|#0:this[i] = resolved|};
                    }
                }
            }
            """, Advisory("this[i]", "await ResolveAsync(\"x\")"));

    [Fact]
    public Task BaseTypesThatDoNotResolve_ReportAdvisoryWithoutThrowing()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Limiter : {|CS0246:MissingBase|}
            {
                private const int Max = 10;
                private int _count;

                Task F() => Task.CompletedTask;

                async Task EnterAsync()
                {
                    if ({|#1:_count|} < Max)
                    {
                        {|#2:await F()|};
                        {|#0:_count++|};
                    }
                }
            }

            class {|CS0146:First|} : Second
            {
            }

            class {|CS0146:Second|} : First
            {
                private bool _started;

                async Task StartAsync()
                {
                    if (!{|#4:_started|})
                    {
                        {|#5:await Task.Yield()|};
                        {|#3:_started = true|};
                    }
                }
            }
            """,
            Advisory("_count", "await F()"),
            Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(3).WithLocation(4).WithLocation(5).WithArguments("_started", "await Task.Yield()", string.Empty));

    [Fact]
    public Task StaticState_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Limiter
            {
                private const int Max = 10;
                private static int s_count;

                Task F() => Task.CompletedTask;

                async Task EnterAsync()
                {
                    if ({|#1:s_count|} < Max)
                    {
                        {|#2:await F()|};
                        {|#0:s_count++|};
                    }
                }
            }
            """, CheckThenAct("s_count", "await F()"));

    [Fact]
    public Task CapturedVariable_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Program
            {
                static Task RunAsync()
                {
                    var started = false;
                    Func<Task> start = async () =>
                    {
                        if (!{|#1:started|})
                        {
                            {|#2:await Task.Yield()|};
                            {|#0:started = true|};
                        }
                    };
                    return Task.WhenAll(start(), start());
                }
            }
            """, CheckThenAct("started", "await Task.Yield()"));

    [Fact]
    public Task InstanceFieldOfTheSameShape_ReportsAdvisory()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Program
            {
                private bool _started;

                async Task StartAsync()
                {
                    if (!{|#1:_started|})
                    {
                        {|#2:await Task.Yield()|};
                        {|#0:_started = true|};
                    }
                }
            }
            """, Advisory("_started", "await Task.Yield()"));

    [Fact]
    public Task OnceGuardThatThrows_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Adapter { public Task ConnectAsync() => Task.CompletedTask; }

            class Client
            {
                private Adapter? _adapter;

                public async Task ConnectAsync()
                {
                    if ({|#1:_adapter|} != null)
                    {
                        throw new InvalidOperationException("Already connected.");
                    }

                    var adapter = new Adapter();
                    {|#2:await adapter.ConnectAsync()|};
                    {|#0:_adapter = adapter|};
                }
            }
            """, CheckThenAct("_adapter", "await adapter.ConnectAsync()"));

    [Fact]
    public Task OnceGuardThatReturnsFalse_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Job
            {
                private bool _started;

                Task RunAsync() => Task.CompletedTask;

                public async Task<bool> TryStartAsync()
                {
                    if ({|#1:_started|})
                    {
                        return false;
                    }

                    {|#2:await RunAsync()|};
                    {|#0:_started = true|};
                    return true;
                }
            }
            """, CheckThenAct("_started", "await RunAsync()"));

    [Fact]
    public Task GuardWhoseOtherOutcomeSucceeds_ReportsAdvisory()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Job
            {
                private bool _started;

                Task RunAsync() => Task.CompletedTask;

                public async Task<bool> EnsureStartedAsync()
                {
                    if ({|#1:_started|})
                    {
                        return true;
                    }

                    {|#2:await RunAsync()|};
                    {|#0:_started = true|};
                    return true;
                }
            }
            """, Advisory("_started", "await RunAsync()"));

    [Fact]
    public Task TestMadeUnderAnotherObjectsSemaphore_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Owner
            {
                public SemaphoreSlim Gate { get; } = new SemaphoreSlim(1, 1);
            }

            class Session
            {
                private readonly Owner _owner = new Owner();
                private int _state;

                Task SendAsync() => Task.CompletedTask;

                public async Task OpenAsync()
                {
                    await _owner.Gate.WaitAsync();
                    try
                    {
                        if ({|#1:_state|} != 0)
                        {
                            return;
                        }
                    }
                    finally
                    {
                        _owner.Gate.Release();
                    }

                    {|#2:await SendAsync()|};
                    {|#0:_state = 1|};
                }
            }
            """, CheckThenAct("_state", "await SendAsync()"));

    [Fact]
    public Task TestMadeWithoutTheSemaphore_ReportsAdvisory()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Session
            {
                private int _state;

                Task SendAsync() => Task.CompletedTask;

                public async Task OpenAsync()
                {
                    if ({|#1:_state|} != 0)
                    {
                        return;
                    }

                    {|#2:await SendAsync()|};
                    {|#0:_state = 1|};
                }
            }
            """, Advisory("_state", "await SendAsync()"));

    [Fact]
    public Task LazyFillThatAnotherMemberInvalidates_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Cache
            {
                private readonly Dictionary<string, int> _map = new Dictionary<string, int>();

                Task<int> LoadAsync(string k) => Task.FromResult(k.Length);

                public void Invalidate(string k) => _map.Remove(k);

                async Task EnsureAsync(string k)
                {
                    if (!{|#1:_map.ContainsKey(k)|})
                    {
                        var v = {|#2:await LoadAsync(k)|};
                        {|#0:_map.Add(k, v)|};
                    }
                }
            }
            """, CheckThenAct("_map", "await LoadAsync(k)"));

    [Fact]
    public Task LazyFillThatAnotherMemberInvalidatesThroughAnEscapedName_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Cache
            {
                private readonly Dictionary<string, int> _map = new Dictionary<string, int>();

                Task<int> LoadAsync(string k) => Task.FromResult(k.Length);

                public void Invalidate(string k) => _m\u0061p.Remove(k);

                async Task EnsureAsync(string k)
                {
                    if (!{|#1:_map.ContainsKey(k)|})
                    {
                        var v = {|#2:await LoadAsync(k)|};
                        {|#0:_map.Add(k, v)|};
                    }
                }
            }
            """, CheckThenAct("_map", "await LoadAsync(k)"));

    [Fact]
    public Task LazyFillWhoseNameOtherMembersOnlyReadOrMentionIntoASharedPlainDictionary_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Cache
            {
                private readonly Dictionary<string, int> _map = new Dictionary<string, int>();

                Task<int> LoadAsync(string k) => Task.FromResult(k.Length);

                // Invalidate would call _map.Remove(k), but entries are never removed.
                public int Count => _map.Count;

                public string Describe() => "_map.Clear()";

                async Task EnsureAsync(string k)
                {
                    if (!{|#1:_map.ContainsKey(k)|})
                    {
                        var v = {|#2:await LoadAsync(k)|};
                        {|#0:_map.Add(k, v)|};
                    }
                }
            }
            """, CheckThenAct("_map", "await LoadAsync(k)"));

    [Fact]
    public Task LazyFillStoredWithAddAndNoOtherWriterIntoASharedPlainDictionary_ReportsCheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Cache
            {
                private readonly Dictionary<string, int> _map = new Dictionary<string, int>();

                Task<int> LoadAsync(string k) => Task.FromResult(k.Length);

                async Task EnsureAsync(string k)
                {
                    if (!{|#1:_map.ContainsKey(k)|})
                    {
                        var v = {|#2:await LoadAsync(k)|};
                        {|#0:_map.Add(k, v)|};
                    }
                }
            }
            """, CheckThenAct("_map", "await LoadAsync(k)"));

    [Fact]
    public Task StateMachineWrittenByOtherMembers_ReportsAdvisory()
        => Verify.VerifyAnalyzerAsync(Usings + """
            enum ReadState { Header, Rows, Done }

            class Reader
            {
                private ReadState _state;

                Task<bool> ReadPacketAsync() => Task.FromResult(true);

                public void Reset() => _state = ReadState.Header;

                public async Task NextAsync()
                {
                    if ({|#1:_state|} == ReadState.Done)
                    {
                        return;
                    }

                    var more = {|#2:await ReadPacketAsync()|};
                    {|#0:_state = more ? ReadState.Rows : ReadState.Done|};
                }
            }
            """, Advisory("_state", "await ReadPacketAsync()"));

    [Fact]
    public Task LostUpdateInAClassWithNoSynchronisation_StaysLostUpdate()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                private int _count;

                async Task IncrementAsync()
                {
                    var c = {|#1:_count|};
                    {|#2:await Task.Delay(1)|};
                    {|#0:_count = c + 1|};
                }
            }
            """, Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("_count", "await Task.Delay(1)", string.Empty));
}
