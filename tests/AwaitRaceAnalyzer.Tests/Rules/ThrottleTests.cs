using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// A throttle: a wait decided from shared state (its duration computed from it, or a test of it chose to wait), then
/// a write of that state that takes the slot. Tasks that waited on the same reading each take the slot and go ahead
/// together, each overwriting the other's reservation: a lost update. A write that builds on the state as it is after
/// the wait, a compound write, a wait of a fixed length, and a throttle held under a semaphore stay silent.
/// </summary>
public class ThrottleTests
{
    private const string Usings = "using System; using System.Diagnostics; using System.Threading; using System.Threading.Tasks;\n";

    /// <summary>What the message adds for a throttle: why the tasks meet at the write.</summary>
    private const string Throttle = "; the wait was decided from it, so every task that waited on the same reading takes the same slot";

    [Fact]
    public Task StopwatchTestedThenRestartedAfterTheWait_IsALostUpdate()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public class ApiClient
            {
                private readonly Stopwatch _sinceLast = Stopwatch.StartNew();

                public async Task<string> GetAsync(Func<Task<string>> send)
                {
                    if ({|#1:_sinceLast.ElapsedMilliseconds|} < 1000)
                    {
                        {|#2:await Task.Delay((int)(1000 - _sinceLast.ElapsedMilliseconds))|};
                    }

                    {|#0:_sinceLast.Restart()|};
                    return await send();
                }
            }
            """, Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_sinceLast.Elapsed", "await Task.Delay((int)(1000 - _sinceLast.ElapsedMilliseconds…", Throttle));

    [Fact]
    public Task ThrottleInARetryLoop_IsALostUpdate()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public class ApiClient
            {
                private readonly Stopwatch _sinceLast = Stopwatch.StartNew();

                public async Task<int> GetAsync(Func<Task<int>> send)
                {
                    int status;
                    var attempts = 0;
                    do
                    {
                        attempts++;
                        if ({|#1:_sinceLast.ElapsedMilliseconds|} < 1000)
                        {
                            var delay = 1000 - _sinceLast.ElapsedMilliseconds;
                            {|#2:await Task.Delay((int)delay)|};
                        }

                        {|#0:_sinceLast.Restart()|};
                        status = await send();
                    }
                    while (attempts < 3 && status == 503);

                    return status;
                }
            }
            """, Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_sinceLast.Elapsed", "await Task.Delay((int)delay)", Throttle));

    [Fact]
    public Task NextSlotWaitedForThenMoved_IsALostUpdate()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public class ApiClient
            {
                private DateTime _nextSlot;

                public async Task<string> GetAsync(Func<Task<string>> send)
                {
                    var wait = {|#1:_nextSlot|} - DateTime.UtcNow;
                    if (wait > TimeSpan.Zero)
                    {
                        {|#2:await Task.Delay(wait)|};
                    }

                    {|#0:_nextSlot = DateTime.UtcNow.AddSeconds(1)|};
                    return await send();
                }
            }
            """, Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("_nextSlot", "await Task.Delay(wait)", Throttle));

    [Fact]
    public Task BackoffThatBuildsOnTheStateAfterTheWait_IsSilent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public class Retrier
            {
                private TimeSpan _backoff = TimeSpan.FromSeconds(1);
                private int _attempts;

                public async Task WaitAsync()
                {
                    await Task.Delay(_backoff);
                    _backoff = _backoff + _backoff;
                }

                public async Task WaitLongerAsync()
                {
                    await Task.Delay(_attempts * 100);
                    _attempts += 1;
                }
            }
            """);

    [Fact]
    public Task FixedPauseThenWrite_IsSilent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public class ApiClient
            {
                private DateTime _lastSent;

                public async Task PauseAsync()
                {
                    await Task.Delay(100);
                    _lastSent = DateTime.UtcNow;
                }
            }
            """);

    [Fact]
    public Task ThrottleHeldUnderASemaphore_IsSilent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public class ApiClient
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private readonly Stopwatch _sinceLast = Stopwatch.StartNew();

                public async Task<string> GetAsync(Func<Task<string>> send)
                {
                    await _gate.WaitAsync();
                    try
                    {
                        if (_sinceLast.ElapsedMilliseconds < 1000)
                        {
                            await Task.Delay((int)(1000 - _sinceLast.ElapsedMilliseconds));
                        }

                        _sinceLast.Restart();
                    }
                    finally
                    {
                        _gate.Release();
                    }

                    return await send();
                }
            }
            """);

    [Fact]
    public Task WaitUntilFreeThenTake_IsSilent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public class Port
            {
                private bool _busy;

                public async Task TakeAsync()
                {
                    while (_busy)
                    {
                        await Task.Delay(10);
                    }

                    _busy = true;
                }
            }
            """);

    [Fact]
    public Task StateTestedAgainAfterTheWait_IsSilent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public class Reader
            {
                private bool _ignoreStale;

                public async Task DrainAsync(Func<bool> dataAvailable)
                {
                    if (_ignoreStale)
                    {
                        while (!dataAvailable())
                        {
                            await Task.Delay(250);
                        }
                    }

                    if (_ignoreStale)
                    {
                        _ignoreStale = false;
                    }
                }
            }
            """);

    [Fact]
    public Task WaitSizedByACallOnTheState_IsSilent()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public class Checkin
            {
                private int _failures;

                private static TimeSpan Backoff(int failures) => TimeSpan.FromSeconds(failures);

                public async Task RunAsync(Func<Task> checkin)
                {
                    var sleep = Backoff(_failures);
                    await Task.Delay(sleep);
                    await checkin();
                    _failures = 0;
                }
            }
            """);
}
