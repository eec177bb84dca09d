using AwaitRaceAnalyzer.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.CodeFixVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer, AwaitRaceAnalyzer.CodeFixes.LostUpdateCodeFixProvider>;

namespace AwaitRaceAnalyzer.Tests.Fixes;

/// <summary>Fix all in document/project/solution: one gate per state, no nested semaphores, every diagnostic fixed.</summary>
public class FixAllTests
{
    [Fact]
    public Task SemaphoreSlim_TwoSectionsOnOneState_ShareOneGate()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private int _count;

                async Task TwiceAsync()
                {
                    var a = _count;
                    await Task.Delay(1);
                    {|AWR001:_count = a + 1|};
                    var b = _count;
                    await Task.Delay(1);
                    {|AWR001:_count = b + 1|};
                }

                async Task OnceAsync()
                {
                    var c = _count;
                    await Task.Yield();
                    {|AWR001:_count = c * 2|};
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private readonly SemaphoreSlim _countGate = new SemaphoreSlim(1, 1);
                private int _count;

                async Task TwiceAsync()
                {
                    await _countGate.WaitAsync();
                    try
                    {
                        var a = _count;
                        await Task.Delay(1);
                        _count = a + 1;
                    }
                    finally
                    {
                        _countGate.Release();
                    }

                    await _countGate.WaitAsync();
                    try
                    {
                        var b = _count;
                        await Task.Delay(1);
                        _count = b + 1;
                    }
                    finally
                    {
                        _countGate.Release();
                    }
                }

                async Task OnceAsync()
                {
                    await _countGate.WaitAsync();
                    try
                    {
                        var c = _count;
                        await Task.Yield();
                        _count = c * 2;
                    }
                    finally
                    {
                        _countGate.Release();
                    }
                }
            }
            """, FixKinds.ProtectWithSemaphoreSlimKey);

    [Fact]
    public Task SemaphoreSlim_OverlappingSectionsOfTwoStates_MergeIntoOneRangeWithBothGates()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;

                class Range
                {
                    private int _low;
                    private int _high;

                    async Task WidenAsync()
                    {
                        var low = _low;
                        var high = _high;
                        await Task.Delay(1);
                        {|AWR001:_low = low - 1|};
                        {|AWR001:_high = high + 1|};
                    }
                }
                """,
            BatchFixedCode = """
                using System.Threading;
                using System.Threading.Tasks;

                class Range
                {
                    private readonly SemaphoreSlim _lowGate = new SemaphoreSlim(1, 1);
                    private int _low;
                    private readonly SemaphoreSlim _highGate = new SemaphoreSlim(1, 1);
                    private int _high;

                    async Task WidenAsync()
                    {
                        await _highGate.WaitAsync();
                        try
                        {
                            await _lowGate.WaitAsync();
                            try
                            {
                                var low = _low;
                                var high = _high;
                                await Task.Delay(1);
                                _low = low - 1;
                                _high = high + 1;
                            }
                            finally
                            {
                                _lowGate.Release();
                            }
                        }
                        finally
                        {
                            _highGate.Release();
                        }
                    }
                }
                """,
            CodeActionEquivalenceKey = FixKinds.ProtectWithSemaphoreSlimKey,
        };

        // One fix at a time protects _low first, then wraps that section again for _high: also correct, and it compiles.
        test.FixedCode = """
            using System.Threading;
            using System.Threading.Tasks;

            class Range
            {
                private readonly SemaphoreSlim _lowGate = new SemaphoreSlim(1, 1);
                private int _low;
                private readonly SemaphoreSlim _highGate = new SemaphoreSlim(1, 1);
                private int _high;

                async Task WidenAsync()
                {
                    int high;
                    await _highGate.WaitAsync();
                    try
                    {
                        await _lowGate.WaitAsync();
                        try
                        {
                            var low = _low;
                            high = _high;
                            await Task.Delay(1);
                            _low = low - 1;
                        }
                        finally
                        {
                            _lowGate.Release();
                        }

                        _high = high + 1;
                    }
                    finally
                    {
                        _highGate.Release();
                    }
                }
            }
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task Interlocked_SeveralUpdatesInOneFile()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Stats
            {
                private int _hits;
                private long _bytes;
                private int _open;

                Task<long> SizeAsync() => Task.FromResult(10L);

                async Task RecordAsync()
                {
                    var h = _hits;
                    await Task.Yield();
                    {|AWR001:_hits = h + 1|};
                    {|AWR001:_bytes += await SizeAsync()|};
                    var o = _open;
                    await Task.Yield();
                    {|AWR001:_open = o - 1|};
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Stats
            {
                private int _hits;
                private long _bytes;
                private int _open;

                Task<long> SizeAsync() => Task.FromResult(10L);

                async Task RecordAsync()
                {
                    await Task.Yield();
                    Interlocked.Increment(ref _hits);
                    var delta = await SizeAsync();
                    Interlocked.Add(ref _bytes, delta);
                    await Task.Yield();
                    Interlocked.Decrement(ref _open);
                }
            }
            """, FixKinds.UseInterlockedKey);
}
