using AwaitRaceAnalyzer.CodeFixes;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.CodeFixVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer, AwaitRaceAnalyzer.CodeFixes.LostUpdateCodeFixProvider>;

namespace AwaitRaceAnalyzer.Tests;

/// <summary>"Share one load" (AWR003): exact fixed sources, which the harness also compiles.</summary>
public class AWR003SingleFlightFixTests
{
    private const string Key = FixKinds.SingleFlightKey;

    [Fact]
    public Task CoalesceAssignmentInAnExpressionBody_SharesTheLoad()
        => Verify.VerifyCodeFixAsync("""
            #nullable enable
            using System.Threading.Tasks;

            public sealed class Config { }

            public sealed class Service
            {
                private Config? _config;

                public bool IsLoaded => _config != null;

                public async Task<Config> GetConfigAsync()
                    => {|AWR003:_config ??= await LoadConfigAsync()|};

                private Task<Config> LoadConfigAsync() => Task.FromResult(new Config());
            }
            """, """
            #nullable enable
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Config { }

            public sealed class Service
            {
                private Config? _config;
                private Task<Config>? _configLoad;

                public bool IsLoaded => _config != null;

                public async Task<Config> GetConfigAsync()
                    => _config ?? await LoadConfigOnceAsync(() => LoadConfigAsync());

                private async Task<Config> LoadConfigOnceAsync(Func<Task<Config>> load)
                {
                    // One load for all concurrent callers: the first publishes its task, the others await it.
                    var claim = new TaskCompletionSource<Config>(TaskCreationOptions.RunContinuationsAsynchronously);
                    var running = Interlocked.CompareExchange(ref _configLoad, claim.Task, null);
                    if (running != null)
                    {
                        return await running;
                    }

                    try
                    {
                        var value = await load();
                        _config = value;
                        claim.SetResult(value);
                        return value;
                    }
                    catch (Exception exception)
                    {
                        // A failed load is not kept: the next caller starts a new one.
                        Volatile.Write(ref _configLoad, null);
                        claim.SetException(exception);
                        throw;
                    }
                }

                private Task<Config> LoadConfigAsync() => Task.FromResult(new Config());
            }
            """, Key);
}
