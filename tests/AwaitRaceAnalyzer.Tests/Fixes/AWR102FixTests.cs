using AwaitRaceAnalyzer.CodeFixes;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.CodeFixVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer, AwaitRaceAnalyzer.CodeFixes.LostUpdateCodeFixProvider>;

namespace AwaitRaceAnalyzer.Tests.Fixes;

/// <summary>
/// AWR102 is the AWR002 shape, so it gets the AWR002 fixes: exact fixed sources, which the harness also compiles.
/// (Claim before the await on AWR102 is in <see cref="AWR002ClaimBeforeAwaitFixTests"/>.)
/// </summary>
public class AWR102FixTests
{
    [Fact]
    public Task BoundedCounter_IsProtectedWithASemaphoreSlim()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Limiter
            {
                private const int Max = 10;
                private int _count;

                Task F() => Task.CompletedTask;

                async Task EnterAsync()
                {
                    if (_count < Max)
                    {
                        await F();
                        {|AWR102:_count++|};
                    }
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Limiter
            {
                private const int Max = 10;
                private readonly SemaphoreSlim _countGate = new SemaphoreSlim(1, 1);
                private int _count;

                Task F() => Task.CompletedTask;

                async Task EnterAsync()
                {
                    await _countGate.WaitAsync();
                    try
                    {
                        if (_count < Max)
                        {
                            await F();
                            _count++;
                        }
                    }
                    finally
                    {
                        _countGate.Release();
                    }
                }
            }
            """, FixKinds.ProtectWithSemaphoreSlimKey);

    [Fact]
    public Task OnceFlag_IsClaimedBeforeTheAwait()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Worker
            {
                private bool _started;

                Task RunAsync() => Task.CompletedTask;

                public async Task StartAsync()
                {
                    if (!_started)
                    {
                        await RunAsync();
                        {|AWR102:_started = true|};
                    }
                }
            }
            """, """
            using System.Threading.Tasks;

            class Worker
            {
                private bool _started;

                Task RunAsync() => Task.CompletedTask;

                public async Task StartAsync()
                {
                    if (!_started)
                    {
                        var previousStarted = _started;
                        _started = true;
                        try
                        {
                            await RunAsync();
                        }
                        catch
                        {
                            _started = previousStarted;
                            throw;
                        }
                    }
                }
            }
            """, FixKinds.ClaimBeforeAwaitKey);

    [Fact]
    public Task StatusActionOnAnotherObject_IsProtectedWithASemaphoreSlim()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Client
            {
                public bool IsConnected { get; private set; }
                public void Connect() => IsConnected = true;
            }

            class Reconnector
            {
                private readonly Client _client = new Client();

                async Task EnsureConnectedAsync()
                {
                    if (!_client.IsConnected)
                    {
                        await Task.Delay(100);
                        {|AWR102:_client.Connect()|};
                    }
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Client
            {
                public bool IsConnected { get; private set; }
                public void Connect() => IsConnected = true;
            }

            class Reconnector
            {
                private readonly SemaphoreSlim _clientIsConnectedGate = new SemaphoreSlim(1, 1);
                private readonly Client _client = new Client();

                async Task EnsureConnectedAsync()
                {
                    await _clientIsConnectedGate.WaitAsync();
                    try
                    {
                        if (!_client.IsConnected)
                        {
                            await Task.Delay(100);
                            _client.Connect();
                        }
                    }
                    finally
                    {
                        _clientIsConnectedGate.Release();
                    }
                }
            }
            """, FixKinds.ProtectWithSemaphoreSlimKey);
}
