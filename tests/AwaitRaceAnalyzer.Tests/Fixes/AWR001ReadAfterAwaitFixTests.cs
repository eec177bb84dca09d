using AwaitRaceAnalyzer.CodeFixes;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.CodeFixVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer, AwaitRaceAnalyzer.CodeFixes.LostUpdateCodeFixProvider>;

namespace AwaitRaceAnalyzer.Tests.Fixes;

/// <summary>"Read after the await": exact fixed sources, which the harness also compiles.</summary>
public class AWR001ReadAfterAwaitFixTests
{
    private const string Key = FixKinds.ReadAfterAwaitKey;

    [Fact]
    public Task CompoundAssignment_AwaitsFirst()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Totals
            {
                private int _total;

                Task<int> F() => Task.FromResult(1);

                async Task AddAsync()
                {
                    // running sum
                    {|AWR001:_total += await F()|}; // per item
                }
            }
            """, """
            using System.Threading.Tasks;

            class Totals
            {
                private int _total;

                Task<int> F() => Task.FromResult(1);

                async Task AddAsync()
                {
                    // running sum
                    var value = await F();
                    _total += value; // per item
                }
            }
            """, Key);

    [Fact]
    public Task ReadBeforeAwaitInSameExpression_AwaitsFirst()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Totals
            {
                private decimal _total;

                Task<decimal> F() => Task.FromResult(1m);

                async Task AddAsync(decimal value)
                {
                    {|AWR001:_total = _total + await F() + value|};
                }
            }
            """, """
            using System.Threading.Tasks;

            class Totals
            {
                private decimal _total;

                Task<decimal> F() => Task.FromResult(1m);

                async Task AddAsync(decimal value)
                {
                    var value2 = await F();
                    _total = _total + value2 + value;
                }
            }
            """, Key);

    [Fact]
    public Task ReceiverWithSideEffects_IsNotOffered()
    {
        const string Source = """
            using System.Threading.Tasks;

            class Box { public int Total; }

            class Totals
            {
                private readonly Box _box = new Box();
                private int _total;

                int Next() => 1;

                Task<int> F() => Task.FromResult(1);

                async Task AddAsync()
                {
                    {|AWR001:_total = _total * Next() + await F()|};
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(Source, Source, Key);
    }

    [Fact]
    public Task StaleCopyInALocal_IsNotOffered()
    {
        const string Source = """
            using System.Threading.Tasks;

            class Counter
            {
                private int _count;

                async Task IncrementAsync()
                {
                    var c = _count;
                    await Task.Delay(1);
                    {|AWR001:_count = c + 1|};
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(Source, Source, Key);
    }

    [Fact]
    public Task TwoAwaits_BothExtractedInEvaluationOrder()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Score
            {
                private int _score;

                Task<int> A() => Task.FromResult(1);

                Task<int> B() => Task.FromResult(2);

                async Task AddAsync()
                {
                    {|AWR001:_score = _score + await A() + await B()|};
                }
            }
            """, """
            using System.Threading.Tasks;

            class Score
            {
                private int _score;

                Task<int> A() => Task.FromResult(1);

                Task<int> B() => Task.FromResult(2);

                async Task AddAsync()
                {
                    var value = await A();
                    var value2 = await B();
                    _score = _score + value + value2;
                }
            }
            """, Key);

    [Fact]
    public Task CompoundAssignmentWithAwaitsInArguments_ExtractsEachOuterAwait()
        => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class Score
            {
                private int _score;

                Task<int> A(int x) => Task.FromResult(x);

                async Task AddAsync(int n)
                {
                    {|AWR001:_score += Math.Max(await A(await A(n)), await A(2))|};
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;

            class Score
            {
                private int _score;

                Task<int> A(int x) => Task.FromResult(x);

                async Task AddAsync(int n)
                {
                    var value = await A(await A(n));
                    var value2 = await A(2);
                    _score += Math.Max(value, value2);
                }
            }
            """, Key);

    [Fact]
    public Task AwaitBehindAConditional_IsNotOffered()
    {
        // Extracting the second await would run it on every evaluation, not only when the condition holds.
        const string Source = """
            using System.Threading.Tasks;

            class Score
            {
                private int _score;

                Task<int> A() => Task.FromResult(1);

                async Task AddAsync(bool twice)
                {
                    {|AWR001:_score = _score + await A() + (twice ? await A() : 0)|};
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(Source, Source, Key);
    }

    [Fact]
    public Task SecondAwaitReadsTheState_IsNotOffered()
    {
        // B(_score) would still read _score before the second suspension.
        const string Source = """
            using System.Threading.Tasks;

            class Score
            {
                private int _score;

                Task<int> A() => Task.FromResult(1);

                Task<int> B(int x) => Task.FromResult(x);

                async Task AddAsync()
                {
                    {|AWR001:_score = _score + await A() + await B(_score)|};
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(Source, Source, Key);
    }
}
