using AwaitRaceAnalyzer.CodeFixes;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.CodeFixVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer, AwaitRaceAnalyzer.CodeFixes.LostUpdateCodeFixProvider>;

namespace AwaitRaceAnalyzer.Tests.Fixes;

/// <summary>
/// "Claim before the await" (AWR002 guards storing a constant, and AWR102, the same shape in a type with no sign of
/// concurrent use): exact fixed sources, which the harness also compiles.
/// </summary>
public class AWR002ClaimBeforeAwaitFixTests
{
    private const string Key = FixKinds.ClaimBeforeAwaitKey;

    [Fact]
    public Task RespondOnceFlagTestedInALock_IsClaimedInsideTheLock()
        => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class Interaction
            {
                private readonly object _sync = new object();

                public bool HasResponded { get; private set; }

                Task SendAsync(string text) => Task.CompletedTask;

                public async Task RespondAsync(string text)
                {
                    lock (_sync)
                    {
                        if (HasResponded)
                        {
                            throw new InvalidOperationException("Already responded.");
                        }
                    }

                    await SendAsync(text);
                    {|AWR002:HasResponded = true|};
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;

            class Interaction
            {
                private readonly object _sync = new object();

                public bool HasResponded { get; private set; }

                Task SendAsync(string text) => Task.CompletedTask;

                public async Task RespondAsync(string text)
                {
                    bool previousHasResponded;
                    lock (_sync)
                    {
                        if (HasResponded)
                        {
                            throw new InvalidOperationException("Already responded.");
                        }

                        previousHasResponded = HasResponded;
                        HasResponded = true;
                    }

                    try
                    {
                        await SendAsync(text);
                    }
                    catch
                    {
                        HasResponded = previousHasResponded;
                        throw;
                    }
                }
            }
            """, Key);

    [Fact]
    public Task StateEnumGuardWithoutALock_IsClaimedAfterTheTest()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            enum State { Idle, Running }

            class Job
            {
                private State _state;

                Task WorkAsync() => Task.CompletedTask;

                public async Task StartAsync()
                {
                    if (_state == State.Running)
                    {
                        return;
                    }

                    await WorkAsync();
                    Log();
                    {|AWR102:_state = State.Running|};
                    Log();
                }

                void Log() { }
            }
            """, """
            using System.Threading.Tasks;

            enum State { Idle, Running }

            class Job
            {
                private State _state;

                Task WorkAsync() => Task.CompletedTask;

                public async Task StartAsync()
                {
                    if (_state == State.Running)
                    {
                        return;
                    }

                    var previousState = _state;
                    _state = State.Running;
                    try
                    {
                        await WorkAsync();
                        Log();
                    }
                    catch
                    {
                        _state = previousState;
                        throw;
                    }

                    Log();
                }

                void Log() { }
            }
            """, Key);

    [Fact]
    public Task WriteInsideTheGuardedBody_IsClaimedFirstInTheBody()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Connection
            {
                private bool _opened;

                Task OpenCoreAsync() => Task.CompletedTask;

                public async Task OpenAsync()
                {
                    if (!_opened)
                    {
                        await OpenCoreAsync();
                        {|AWR102:_opened = true|};
                    }
                }
            }
            """, """
            using System.Threading.Tasks;

            class Connection
            {
                private bool _opened;

                Task OpenCoreAsync() => Task.CompletedTask;

                public async Task OpenAsync()
                {
                    if (!_opened)
                    {
                        var previousOpened = _opened;
                        _opened = true;
                        try
                        {
                            await OpenCoreAsync();
                        }
                        catch
                        {
                            _opened = previousOpened;
                            throw;
                        }
                    }
                }
            }
            """, Key);

    [Fact]
    public Task ComputedValue_IsNotOffered()
    {
        // The connect guard stores what the await produced: only the SemaphoreSlim fix applies.
        const string Source = """
            using System;
            using System.Threading.Tasks;

            class Adapter { public Task ConnectAsync() => Task.CompletedTask; }

            class Client
            {
                private Adapter _adapter;

                public async Task ConnectAsync()
                {
                    if (_adapter != null)
                    {
                        throw new InvalidOperationException();
                    }

                    var adapter = new Adapter();
                    await adapter.ConnectAsync();
                    {|AWR002:_adapter = adapter|};
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(Source, Source, Key);
    }

    [Fact]
    public Task WorkThatCanReturnEarly_IsNotOffered()
    {
        // A return between the claim and the old write would leave the state claimed without the work done.
        const string Source = """
            using System.Threading.Tasks;

            class Connection
            {
                private bool _opened;

                Task<bool> OpenCoreAsync() => Task.FromResult(true);

                public async Task OpenAsync()
                {
                    if (_opened)
                    {
                        return;
                    }

                    if (!await OpenCoreAsync())
                    {
                        return;
                    }

                    {|AWR102:_opened = true|};
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(Source, Source, Key);
    }
}
