using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// The status of another object and the action that establishes it: a test of <c>client.IsConnected</c>, an await,
/// then <c>client.Connect()</c> is a check-then-act on the client's connection (two flows that both saw it
/// disconnected both connect). The action made before the await, the action awaited as the test's own branch, an
/// inverse action (<c>Disconnect</c>) and a status of this object are not reported by this mechanism.
/// </summary>
public class ObjectStatusTests
{
    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks;\n";

    private const string Client = """
        public class Client
        {
            public bool IsConnected { get; private set; }
            public bool IsOpen => false;
            public void Connect() => IsConnected = true;
            public void Disconnect() => IsConnected = false;
            public Task OpenAsync() => Task.CompletedTask;
        }

        """;

    private static DiagnosticResult Rule(string id, string state, string suspension)
        => Verify.Diagnostic(id).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(state, suspension, string.Empty);

    [Fact]
    public Task StatusTestedThenActionAfterAnAwait_IsACheckThenAct()
        => Verify.VerifyAnalyzerAsync(Usings + Client + """
            public class Reconnector
            {
                private readonly Client _client = new Client();

                public async Task EnsureConnectedAsync()
                {
                    if (!{|#1:_client.IsConnected|})
                    {
                        {|#2:await Task.Delay(100)|};
                        {|#0:_client.Connect()|};
                    }
                }
            }
            """, Rule(DiagnosticIds.AdvisoryCheckThenAct, "_client.IsConnected", "await Task.Delay(100)"));

    [Fact]
    public Task StatusTestedInATypeWithSynchronisation_IsAWarning()
        => Verify.VerifyAnalyzerAsync(Usings + Client + """
            public class Reconnector
            {
                private static readonly SemaphoreSlim LoginGate = new SemaphoreSlim(1);
                private readonly Client _client = new Client();

                private async Task WaitForLoginSlotAsync()
                {
                    await LoginGate.WaitAsync();
                    LoginGate.Release();
                }

                public async Task OnDisconnectedAsync()
                {
                    if ({|#1:_client.IsConnected|})
                    {
                        return;
                    }

                    {|#2:await WaitForLoginSlotAsync()|};
                    {|#0:_client.Connect()|};
                }
            }
            """, Rule(DiagnosticIds.CheckThenAct, "_client.IsConnected", "await WaitForLoginSlotAsync()"));

    [Fact]
    public Task ClientWhoseTypeDoesNotBind_NamedAsItsType_IsStillChecked()
        => Verify.VerifyAnalyzerAsync(Usings + """
            public class Bot
            {
                private readonly {|CS0246:SteamClient|} SteamClient = null!;

                public async Task OnDisconnectedAsync()
                {
                    if ({|#1:SteamClient.{|CS1061:IsConnected|}|})
                    {
                        return;
                    }

                    {|#2:await Task.Delay(100)|};
                    {|#0:SteamClient.{|CS1061:Connect|}()|};
                }
            }
            """, Rule(DiagnosticIds.AdvisoryCheckThenAct, "SteamClient.IsConnected", "await Task.Delay(100)"));

    [Fact]
    public Task ActionBeforeTheAwait_IsSilent()
        => Verify.VerifyAnalyzerAsync(Usings + Client + """
            public class Reconnector
            {
                private readonly Client _client = new Client();

                public async Task EnsureConnectedAsync()
                {
                    if (!_client.IsConnected)
                    {
                        _client.Connect();
                        await Task.Delay(100);
                    }

                    if (!_client.IsOpen)
                    {
                        await _client.OpenAsync();
                    }
                }
            }
            """);

    [Fact]
    public Task StatusTestedAgainAfterTheAwait_IsSilent()
        => Verify.VerifyAnalyzerAsync(Usings + Client + """
            public class Reconnector
            {
                private readonly Client _client = new Client();

                public async Task EnsureConnectedAsync()
                {
                    if (!_client.IsConnected)
                    {
                        await Task.Delay(100);
                        if (!_client.IsConnected)
                        {
                            _client.Connect();
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task InverseAction_IsNotCounted()
        => Verify.VerifyAnalyzerAsync(Usings + Client + """
            public class Reconnector
            {
                private readonly Client _client = new Client();

                public async Task ShutDownAsync()
                {
                    if (_client.IsConnected)
                    {
                        await Task.Delay(100);
                        _client.Disconnect();
                    }
                }
            }
            """);
}
