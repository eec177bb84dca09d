using System.Text;

namespace AwaitRaceAnalyzer.Bench;

/// <summary>Generated C# sources: deterministic, so runs compare.</summary>
internal static class Corpora
{
    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

    /// <summary>(a) A mixed code base: services with fields, locks, async methods (some racy), sync helpers.</summary>
    public static string[] Mixed(int classes)
    {
        var files = new string[classes];
        for (var i = 0; i < classes; i++)
        {
            var racy = i % 3 == 0;
            files[i] = Usings + $$"""
                namespace Corpus.Mixed
                {
                    public sealed class Service{{i}}
                    {
                        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                        private readonly Dictionary<string, int> _cache = new Dictionary<string, int>();
                        private int _count;
                        private long _total;
                        private string? _name;
                        public int Hits { get; set; }

                        private Task<int> FetchAsync(int x) => Task.FromResult(x + {{i}});

                        public async Task<int> IncrementAsync(int delay)
                        {
                            {{(racy ? "var c = _count;\n            await Task.Delay(delay);\n            _count = c + 1;" : "await Task.Delay(delay);\n            Interlocked.Increment(ref _count);")}}
                            return _count;
                        }

                        public async Task AddAsync(CancellationToken token)
                        {
                            await _gate.WaitAsync(token).ConfigureAwait(false);
                            try
                            {
                                var t = _total;
                                await Task.Delay(1, token).ConfigureAwait(false);
                                _total = t + {{i}};
                            }
                            finally
                            {
                                _gate.Release();
                            }
                        }

                        public async Task<int> GetAsync(string key)
                        {
                            if (!_cache.TryGetValue(key, out var value))
                            {
                                value = await FetchAsync(key.Length).ConfigureAwait(false);
                                {{(racy ? "_cache[key] = value;" : "_cache.TryAdd(key, value);")}}
                            }

                            return value;
                        }

                        public async Task<int> SumAsync(int n)
                        {
                            var sum = 0;
                            for (var i = 0; i < n; i++)
                            {
                                try
                                {
                                    sum += await FetchAsync(i);
                                }
                                catch (InvalidOperationException) when (sum > 10)
                                {
                                    break;
                                }
                            }

                            Hits = Hits + 1;
                            return sum;
                        }

                        public async Task<string> NameAsync()
                        {
                            {{(racy ? "_name ??= (await FetchAsync(1)).ToString();" : "var fetched = (await FetchAsync(1)).ToString();\n            _name = fetched;")}}
                            return _name;
                        }

                        public async Task<int[]> FanOutAsync(int n)
                        {
                            var tasks = Enumerable.Range(0, n).Select(async x =>
                            {
                                await Task.Yield();
                                return x * 2;
                            });
                            return await Task.WhenAll(tasks);
                        }

                        public int Compute(int a, int b)
                        {
                            var result = 0;
                            for (var i = 0; i < a; i++)
                            {
                                result += i % 2 == 0 ? b : -b;
                                if (result > 1000)
                                {
                                    result /= 2;
                                }
                            }

                            return result + Enumerable.Range(0, b).Where(x => x % 3 == 0).Sum();
                        }

                        public override string ToString() => $"Service{{i}}({_count}, {_total}, {_name})";
                    }
                }
                """;
        }

        return files;
    }

    /// <summary>The same shape of code base with no async code at all: the analyzer should bail out at once.</summary>
    public static string[] Synchronous(int classes)
    {
        var files = new string[classes];
        for (var i = 0; i < classes; i++)
        {
            files[i] = Usings + $$"""
                namespace Corpus.Sync
                {
                    public sealed class Worker{{i}}
                    {
                        private readonly object _sync = new object();
                        private readonly Dictionary<string, int> _cache = new Dictionary<string, int>();
                        private int _count;
                        public int Hits { get; set; }

                        public int Increment()
                        {
                            lock (_sync)
                            {
                                var c = _count;
                                _count = c + 1;
                                return c;
                            }
                        }

                        public int Get(string key)
                        {
                            if (!_cache.TryGetValue(key, out var value))
                            {
                                value = key.Length + {{i}};
                                _cache[key] = value;
                            }

                            Hits++;
                            return value;
                        }

                        public int Compute(int a, int b)
                        {
                            var result = 0;
                            for (var i = 0; i < a; i++)
                            {
                                result += i % 2 == 0 ? b : -b;
                            }

                            return result + Enumerable.Range(0, b).Where(x => x % 3 == 0).Sum();
                        }

                        public override string ToString() => $"Worker{{i}}({_count})";
                    }
                }
                """;
        }

        return files;
    }

    /// <summary>(b) One async method of about <paramref name="statements"/> statements: straight-line code, branches and loops with awaits.</summary>
    public static string[] LongMethod(int statements)
    {
        var body = new StringBuilder();
        var groups = statements / 8;
        for (var j = 0; j < groups; j++)
        {
            body.Append($$"""
                        var a{{j}} = _count;
                        if (a{{j}} > {{j}}) { await Task.Yield(); } else { _total += a{{j}}; }
                        for (var i{{j}} = 0; i{{j}} < 2; i{{j}}++) { await Task.Delay(0); }
                        _count = a{{j}} + 1;
                        sum += a{{j}};
                        if (_count > sum) { sum = 0; }
                        while (sum > 100) { sum -= await FetchAsync(sum); }
                        _total = sum;

                """);
        }

        return new[]
        {
            Usings + $$"""
                namespace Corpus.Long
                {
                    public sealed class LongService
                    {
                        private int _count;
                        private long _total;

                        private Task<int> FetchAsync(int x) => Task.FromResult(x);

                        public async Task<long> RunAsync()
                        {
                            var sum = 0;
                {{body}}
                            return _total;
                        }
                    }
                }
                """,
        };
    }

    /// <summary>(c) Many small async methods.</summary>
    public static string[] Wide(int methods, int perClass = 100)
    {
        var files = new List<string>();
        for (var c = 0; c * perClass < methods; c++)
        {
            var members = new StringBuilder();
            for (var m = 0; m < perClass && c * perClass + m < methods; m++)
            {
                members.Append(m % 4 == 0
                    ? $"        public async Task M{m}() {{ var v = _count; await Task.Yield(); _count = v + {m}; }}\n"
                    : $"        public async Task<int> M{m}(int x) {{ var y = x * {m}; await Task.Yield(); return y + _count; }}\n");
            }

            files.Add(Usings + $$"""
                namespace Corpus.Wide
                {
                    public sealed class Wide{{c}}
                    {
                        private int _count;
                {{members}}
                    }
                }
                """);
        }

        return files.ToArray();
    }
}
