using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// A lazy fill whose awaited call makes something exist stays a check-then-act (AWR002): also when the call is a
/// get-or-create the compilation declares (<c>GetOrCreateKeyAsync</c>; a library cache's is a fetch), when a creating
/// call does not bind yet (its name is read from the syntax), and when the value stored is a member of what the acting call returned (a fill, if not a lazy one). The
/// nearby fetches stay as they were (AWR003, or AWR102 for a member of a fetched response).
/// </summary>
public class ActingFillTests
{
    private const string Usings = "using System; using System.Linq; using System.Threading; using System.Threading.Tasks; using System.Collections.Generic;\n";

    private static DiagnosticResult Rule(string id, string state, string suspension)
        => Verify.Diagnostic(id).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    /// <summary>A key ring filled from its own method <paramref name="load"/>: the fill at #0, the test at #1, the await at #2.</summary>
    private static string KeyRing(string load) => Usings + $$"""
        class KeyRing
        {
            private string? _key;

            Task<string> {{load}}() => Task.FromResult("k");

            public async Task<string> KeyAsync()
            {
                if ({|#1:_key|} == null)
                {
                    {|#0:_key = {|#2:await {{load}}().ConfigureAwait(false)|}|};
                }

                return _key;
            }
        }
        """;

    [Theory]
    [InlineData("GetOrCreateKeyAsync")]
    [InlineData("FindOrRegisterKeyAsync")]
    public Task LazyFillFromAGetOrCreate_IsCheckThenActWarning(string load)
        => Verify.VerifyAnalyzerAsync(KeyRing(load), Rule(DiagnosticIds.CheckThenAct, "_key", $"await {load}().ConfigureAwait(false)"));

    [Theory]
    [InlineData("GetOrderKeyAsync")]
    [InlineData("GetOrLoadKeyAsync")]
    public Task LazyFillFromAGetThatCreatesNothing_StaysLazyInitialization(string load)
        => Verify.VerifyAnalyzerAsync(KeyRing(load), Rule(DiagnosticIds.LazyInitialization, "_key", $"await {load}().ConfigureAwait(false)"));

    [Fact]
    public Task GetOrCreateOfALibraryCache_StaysLazyInitialization()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class KeyRing
            {
                private readonly {|CS0246:MemoryCache|} _cache = null!;
                private string? _key;

                public async Task<string> KeyAsync()
                {
                    if ({|#1:_key|} == null)
                    {
                        {|#0:_key = {|#2:await _cache.GetOrCreateAsync("key").ConfigureAwait(false)|}|};
                    }

                    return _key;
                }
            }
            """, Rule(DiagnosticIds.LazyInitialization, "_key", "await _cache.GetOrCreateAsync(\"key\").ConfigureAwait(false)"));

    [Fact]
    public Task AwaitedCreateOfATypeThatDoesNotBind_StillActs()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Storage
            {
                private readonly {|CS0246:DocumentClient|} _client = null!;
                private string? _link;

                public async Task<string> LinkAsync()
                {
                    if ({|#1:_link|} == null)
                    {
                        {|#2:await _client.CreateDatabaseIfNotExistsAsync("db").ConfigureAwait(false)|};
                        var response = await _client.CreateCollectionIfNotExistsAsync("items").ConfigureAwait(false);
                        {|#0:_link = response.Resource.Link|};
                    }

                    return _link;
                }
            }
            """, Rule(DiagnosticIds.CheckThenAct, "_link", "await _client.CreateDatabaseIfNotExistsAsync(\"db\").Configure…"));

    [Fact]
    public Task MemberOfAFetchedResponse_StaysAdvisory()
        => Verify.VerifyAnalyzerAsync(Usings + """
            class Response { public string Link = ""; }

            class Storage
            {
                private string? _link;

                Task<Response> ReadCollectionAsync(string name) => Task.FromResult(new Response());

                public async Task<string> LinkAsync()
                {
                    if ({|#1:_link|} == null)
                    {
                        var response = {|#2:await ReadCollectionAsync("items").ConfigureAwait(false)|};
                        {|#0:_link = response.Link|};
                    }

                    return _link;
                }
            }
            """, Rule(DiagnosticIds.AdvisoryCheckThenAct, "_link", "await ReadCollectionAsync(\"items\").ConfigureAwait(false)"));
}
