using AwaitRaceAnalyzer.CodeFixes;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.CodeFixVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer, AwaitRaceAnalyzer.CodeFixes.LostUpdateCodeFixProvider>;

namespace AwaitRaceAnalyzer.Tests.Fixes;

/// <summary>"Use Interlocked": exact fixed sources, which the harness also compiles.</summary>
public class AWR001InterlockedFixTests
{
    private const string Key = FixKinds.UseInterlockedKey;

    [Fact]
    public Task SeedLoop_BecomesIncrementAndTheStaleCopyGoes()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            public sealed class UnsafeCounter
            {
                private int _count;

                public async Task IncrementAsync()
                {
                    var current = _count;
                    await Task.Delay(1);       // other tasks run here
                    {|AWR001:_count = current + 1|};
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class UnsafeCounter
            {
                private int _count;

                public async Task IncrementAsync()
                {
                    await Task.Delay(1);       // other tasks run here
                    Interlocked.Increment(ref _count);
                }
            }
            """, Key);

    [Fact]
    public Task CommentOnTheStaleCopy_IsKept()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private int _count;

                async Task DecrementAsync()
                {
                    // take one slot
                    var c = _count;
                    await Task.Delay(1);
                    {|AWR001:_count = c - 1|};
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private int _count;

                async Task DecrementAsync()
                {
                    // take one slot
                    await Task.Delay(1);
                    Interlocked.Decrement(ref _count);
                }
            }
            """, Key);

    [Fact]
    public Task CompoundAssignmentWithAwaitedAmount_BecomesAwaitThenAdd()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Totals
            {
                private long _total;

                Task<long> GetAsync() => Task.FromResult(1L);

                async Task AddAsync()
                {
                    {|AWR001:_total += await GetAsync()|};
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Totals
            {
                private long _total;

                Task<long> GetAsync() => Task.FromResult(1L);

                async Task AddAsync()
                {
                    var delta = await GetAsync();
                    Interlocked.Add(ref _total, delta);
                }
            }
            """, Key);

    [Fact]
    public Task CompoundSubtraction_AddsTheNegatedAmount()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Stock
            {
                private int _units;

                Task<int> TakenAsync() => Task.FromResult(2);

                async Task TakeAsync()
                {
                    {|AWR001:_units -= await TakenAsync()|};
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Stock
            {
                private int _units;

                Task<int> TakenAsync() => Task.FromResult(2);

                async Task TakeAsync()
                {
                    var delta = await TakenAsync();
                    Interlocked.Add(ref _units, -delta);
                }
            }
            """, Key);

    [Fact]
    public Task StaleCopyUsedElsewhere_IsKeptAndTheUpdateIsAtomic()
        => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private static int s_count;

                static async Task IncrementAsync(int step)
                {
                    var c = s_count;
                    Console.WriteLine(c);
                    await Task.Delay(1);
                    {|AWR001:s_count = c + step|};
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private static int s_count;

                static async Task IncrementAsync(int step)
                {
                    var c = s_count;
                    Console.WriteLine(c);
                    await Task.Delay(1);
                    Interlocked.Add(ref s_count, step);
                }
            }
            """, Key);

    [Fact]
    public Task CapturedLocal_IsPassedByReference()
        => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Program
            {
                static async Task<int> RunAsync()
                {
                    int n = 0;
                    Func<Task> increment = async () =>
                    {
                        var c = n;
                        await Task.Yield();
                        {|AWR001:n = c + 1|};
                    };
                    await Task.WhenAll(increment(), increment());
                    return n;
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Program
            {
                static async Task<int> RunAsync()
                {
                    int n = 0;
                    Func<Task> increment = async () =>
                    {
                        await Task.Yield();
                        Interlocked.Increment(ref n);
                    };
                    await Task.WhenAll(increment(), increment());
                    return n;
                }
            }
            """, Key);

    [Fact]
    public Task PureNonAdditiveUpdate_BecomesACompareExchangeLoop()
        => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Peak
            {
                private int _max;

                Task<int> SampleAsync() => Task.FromResult(3);

                async Task RecordAsync()
                {
                    var seen = _max;
                    var v = await SampleAsync();
                    {|AWR001:_max = Math.Max(seen, v)|};
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Peak
            {
                private int _max;

                Task<int> SampleAsync() => Task.FromResult(3);

                async Task RecordAsync()
                {
                    var v = await SampleAsync();
                    int initial;
                    int computed;
                    do
                    {
                        initial = _max;
                        computed = Math.Max(initial, v);
                    }
                    while (Interlocked.CompareExchange(ref _max, computed, initial) != initial);
                }
            }
            """, Key);

    [Fact]
    public Task Property_IsNotOfferedInterlocked()
    {
        const string Source = """
            using System.Threading.Tasks;

            class Counter
            {
                public int Count { get; set; }

                async Task IncrementAsync()
                {
                    var c = Count;
                    await Task.Yield();
                    {|AWR001:Count = c + 1|};
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(Source, Source, Key);
    }

    [Fact]
    public Task CallWithSideEffects_IsNotOfferedInterlocked()
    {
        const string Source = """
            using System.Threading.Tasks;

            class Counter
            {
                private int _count;

                int Log(int value) { System.Console.WriteLine(value); return value; }

                async Task IncrementAsync()
                {
                    var c = _count;
                    await Task.Yield();
                    {|AWR001:_count = Log(c) * 2|};
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(Source, Source, Key);
    }
}
