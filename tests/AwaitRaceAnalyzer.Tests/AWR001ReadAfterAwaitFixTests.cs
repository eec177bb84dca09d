using AwaitRaceAnalyzer.CodeFixes;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.CodeFixVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer, AwaitRaceAnalyzer.CodeFixes.LostUpdateCodeFixProvider>;

namespace AwaitRaceAnalyzer.Tests;

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
}
