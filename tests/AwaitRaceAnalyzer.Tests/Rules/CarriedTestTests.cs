using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// A test carried in a private collection: the keys a shared map lacks are collected into a local list before an
/// await, and each is stored after it. The loop over the list acts on the stale tests as an <c>if</c> would, so a
/// racer that filled a key meanwhile is overwritten or makes the <c>Add</c> throw. A test of each key after the await
/// protects the store; a list that no test chose, or a store made before any await, is silent. The failure path
/// (a snapshot written back in a <c>catch</c>) is reported as any lost update.
/// </summary>
public class CarriedTestTests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.Threading.Tasks;\n";

    private const string Source = """
        public interface INameSource
        {
            Task<Dictionary<string, string>> FetchAsync(List<string> keys);
        }

        """;

    [Fact]
    public Task MissesCollectedBeforeTheAwait_AreACheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + Source + """
            public static class NameCache
            {
                private static readonly Dictionary<string, string> s_names = new Dictionary<string, string>();

                public static async Task FillAsync(INameSource source, IEnumerable<string> keys)
                {
                    var missing = new List<string>();
                    foreach (var key in keys)
                    {
                        if (!{|#1:s_names.ContainsKey(key)|})
                        {
                            missing.Add(key);
                        }
                    }

                    var fetched = {|#2:await source.FetchAsync(missing)|};
                    foreach (var key in missing)
                    {
                        {|#0:s_names.Add(key, fetched[key])|};
                    }
                }
            }
            """, Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("s_names", "await source.FetchAsync(missing)", string.Empty));

    [Fact]
    public Task AbsentMarkersStoredForCollectedMisses_AreACheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + Source + """
            public static class NameCache
            {
                private const string Absent = "";
                private static readonly Dictionary<string, string> s_names = new Dictionary<string, string>();

                public static async Task FillAsync(INameSource source, string[] keys)
                {
                    var missing = new List<string>();
                    foreach (var key in keys)
                    {
                        if (!{|#1:s_names.TryGetValue(key, out _)|})
                        {
                            missing.Add(key);
                        }
                    }

                    var fetched = {|#2:await source.FetchAsync(missing)|};
                    foreach (var key in missing)
                    {
                        if (!fetched.ContainsKey(key))
                        {
                            {|#0:s_names[key] = Absent|};
                        }
                    }
                }
            }
            """, Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("s_names[key]", "await source.FetchAsync(missing)", string.Empty));

    [Fact]
    public Task EachCollectedMissTestedAgainAfterTheAwait_IsSilent()
        => Verify.VerifyAnalyzerAsync(Usings + Source + """
            public static class NameCache
            {
                private static readonly Dictionary<string, string> s_names = new Dictionary<string, string>();

                public static async Task FillAsync(INameSource source, IEnumerable<string> keys)
                {
                    var missing = new List<string>();
                    foreach (var key in keys)
                    {
                        if (!s_names.ContainsKey(key))
                        {
                            missing.Add(key);
                        }
                    }

                    var fetched = await source.FetchAsync(missing);
                    foreach (var key in missing)
                    {
                        if (!s_names.ContainsKey(key))
                        {
                            s_names.Add(key, fetched[key]);
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task AListNoTestChose_IsSilent()
        => Verify.VerifyAnalyzerAsync(Usings + Source + """
            public static class NameCache
            {
                private static readonly Dictionary<string, string> s_names = new Dictionary<string, string>();

                public static async Task RefreshAsync(INameSource source, IEnumerable<string> keys)
                {
                    var all = new List<string>();
                    foreach (var key in keys)
                    {
                        all.Add(key);
                    }

                    var fetched = await source.FetchAsync(all);
                    foreach (var key in all)
                    {
                        s_names[key] = fetched[key];
                    }
                }
            }
            """);

    [Fact]
    public Task CollectedMissesStoredBeforeAnyAwait_AreSilent()
        => Verify.VerifyAnalyzerAsync(Usings + Source + """
            public static class NameCache
            {
                private static readonly Dictionary<string, string> s_names = new Dictionary<string, string>();

                public static async Task FillAsync(INameSource source, IEnumerable<string> keys)
                {
                    var missing = new List<string>();
                    foreach (var key in keys)
                    {
                        if (!s_names.ContainsKey(key))
                        {
                            missing.Add(key);
                        }
                    }

                    foreach (var key in missing)
                    {
                        s_names.Add(key, "?");
                    }

                    await source.FetchAsync(missing);
                }
            }
            """);

    [Fact]
    public Task SnapshotWrittenBackOnTheFailurePath_IsALostUpdate()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public class Session
            {
                private static int s_refreshes;
                private string _token = "";

                public async Task RefreshAsync(Func<Task<string>> fetch)
                {
                    var previous = {|#1:_token|};
                    try
                    {
                        _token = {|#2:await fetch()|};
                        System.Threading.Interlocked.Increment(ref s_refreshes);
                    }
                    catch (Exception)
                    {
                        {|#0:_token = previous|};
                        throw;
                    }
                }
            }
            """, Verify.Diagnostic(DiagnosticIds.LostUpdate).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("_token", "await fetch()", string.Empty));
}
