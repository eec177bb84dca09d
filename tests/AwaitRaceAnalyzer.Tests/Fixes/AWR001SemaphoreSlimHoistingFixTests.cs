using AwaitRaceAnalyzer.CodeFixes;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.CodeFixVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer, AwaitRaceAnalyzer.CodeFixes.LostUpdateCodeFixProvider>;

namespace AwaitRaceAnalyzer.Tests.Fixes;

/// <summary>
/// "Protect with a SemaphoreSlim": every declaration form inside the protected range that is used after it is hoisted
/// (out var, deconstruction), or the fix is not offered (pattern variables, using declarations). Exact fixed sources,
/// which the harness also compiles.
/// </summary>
public class AWR001SemaphoreSlimHoistingFixTests
{
    private const string Key = FixKinds.ProtectWithSemaphoreSlimKey;

    [Fact]
    public Task OutVarInTheTestUsedAfterTheRange_IsHoisted()
        => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Items
            {
                private readonly Dictionary<string, string> _items = new();
                private readonly Func<string, Task<string>> _factory = k => Task.FromResult(k);

                public void Invalidate(string key) => _items.Remove(key);

                public async Task<string> GetAsync(string key)
                {
                    if (!_items.TryGetValue(key, out var value))
                    {
                        value = await _factory(key);
                        {|AWR002:_items[key] = value|};
                    }

                    return value;
                }
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class Items
            {
                private readonly SemaphoreSlim _itemsGate = new SemaphoreSlim(1, 1);
                private readonly Dictionary<string, string> _items = new();
                private readonly Func<string, Task<string>> _factory = k => Task.FromResult(k);

                public void Invalidate(string key) => _items.Remove(key);

                public async Task<string> GetAsync(string key)
                {
                    string value;
                    await _itemsGate.WaitAsync();
                    try
                    {
                        if (!_items.TryGetValue(key, out value))
                        {
                            value = await _factory(key);
                            _items[key] = value;
                        }
                    }
                    finally
                    {
                        _itemsGate.Release();
                    }

                    return value;
                }
            }
            """, Key);

    [Fact]
    public Task DeconstructionUsedAfterTheRange_IsHoisted()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Counter
            {
                private int _count;

                Task<(int, string)> F() => Task.FromResult((1, "a"));

                async Task<string> IncrementAsync()
                {
                    var c = _count;
                    var (step, label) = await F();
                    {|AWR001:_count = c + step|};
                    return label;
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private readonly SemaphoreSlim _countGate = new SemaphoreSlim(1, 1);
                private int _count;

                Task<(int, string)> F() => Task.FromResult((1, "a"));

                async Task<string> IncrementAsync()
                {
                    int step;
                    string label;
                    await _countGate.WaitAsync();
                    try
                    {
                        var c = _count;
                        (step, label) = await F();
                        _count = c + step;
                    }
                    finally
                    {
                        _countGate.Release();
                    }

                    return label;
                }
            }
            """, Key);

    [Fact]
    public Task TupleOfDeclarationsUsedAfterTheRange_HoistsOnlyTheOnesUsed()
        => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Counter
            {
                private int _count;

                Task<(int, string)> F() => Task.FromResult((1, "a"));

                async Task<string> IncrementAsync()
                {
                    var c = _count;
                    (var step, var label) = await F();
                    {|AWR001:_count = c + step|};
                    return label;
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private readonly SemaphoreSlim _countGate = new SemaphoreSlim(1, 1);
                private int _count;

                Task<(int, string)> F() => Task.FromResult((1, "a"));

                async Task<string> IncrementAsync()
                {
                    string label;
                    await _countGate.WaitAsync();
                    try
                    {
                        var c = _count;
                        (var step, label) = await F();
                        _count = c + step;
                    }
                    finally
                    {
                        _countGate.Release();
                    }

                    return label;
                }
            }
            """, Key);

    [Fact]
    public Task OutVarInADeclarationStatement_HoistsBoth()
        => Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Counter
            {
                private int _count;
                private readonly Dictionary<string, int> _steps = new();

                async Task<int> IncrementAsync(string key)
                {
                    var c = _count;
                    var found = _steps.TryGetValue(key, out var step);
                    await Task.Delay(1);
                    {|AWR001:_count = c + step|};
                    return found ? step : 0;
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private readonly SemaphoreSlim _countGate = new SemaphoreSlim(1, 1);
                private int _count;
                private readonly Dictionary<string, int> _steps = new();

                async Task<int> IncrementAsync(string key)
                {
                    bool found;
                    int step;
                    await _countGate.WaitAsync();
                    try
                    {
                        var c = _count;
                        found = _steps.TryGetValue(key, out step);
                        await Task.Delay(1);
                        _count = c + step;
                    }
                    finally
                    {
                        _countGate.Release();
                    }

                    return found ? step : 0;
                }
            }
            """, Key);

    [Fact]
    public Task PatternVariableUsedAfterTheRange_IsNotOffered()
    {
        // A pattern variable can only be assigned by its pattern: it cannot be declared before the gate.
        const string Source = """
            using System.Threading.Tasks;

            class Counter
            {
                private int _count;
                private object _last = "";

                async Task<int> IncrementAsync()
                {
                    var c = _count;
                    if (!(_last is string text))
                    {
                        return 0;
                    }

                    await Task.Delay(1);
                    {|AWR001:_count = c + 1|};
                    return text.Length;
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(Source, Source, Key);
    }

    [Fact]
    public Task UsingDeclarationFollowedByMoreStatements_IsNotOffered()
    {
        // Inside the try block the resource would be disposed before the statements after the range run.
        const string Source = """
            using System.IO;
            using System.Threading.Tasks;

            class Counter
            {
                private int _count;

                async Task<int> IncrementAsync()
                {
                    var c = _count;
                    using var stream = new MemoryStream();
                    await Task.Delay(1);
                    {|AWR001:_count = c + 1|};
                    return 1;
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(Source, Source, Key);
    }
}
