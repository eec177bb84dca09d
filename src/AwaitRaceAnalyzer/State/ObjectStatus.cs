using System;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// The status of another object and the action that establishes it: <c>client.IsConnected</c> and
    /// <c>client.Connect()</c>, <c>IsOpen</c> and <c>Open()</c>, <c>IsStarted</c>/<c>IsRunning</c> and <c>Start()</c>,
    /// <c>IsInitialized</c> and <c>Initialize()</c>, <c>IsLoggedIn</c>/<c>IsLoggedOn</c> and <c>Login()</c>/<c>LogOn()</c>,
    /// <c>IsSubscribed</c> and <c>Subscribe()</c>, <c>IsAuthenticated</c> and <c>Authenticate()</c> (each also as
    /// <c>…Async</c>). A test of the status is a read of that part of the object's state and the action is a write of it,
    /// so <c>if (!client.IsConnected) { await …; client.Connect(); }</c> is a check-then-act: two flows that both saw
    /// it disconnected both connect. The inverse actions (<c>Disconnect</c>, <c>Close</c>, <c>Stop</c>) are cleanup and
    /// not counted. The object's own type need not bind: names are read from the syntax.
    /// </summary>
    internal static class ObjectStatus
    {
        private const string AsyncSuffix = "Async";

        /// <summary>The action a status property reports on (<c>Connect</c> for <c>IsConnected</c>); null for other names.</summary>
        public static string? ActionOfStatus(string property)
            => property switch
            {
                "IsConnected" or "Connected" => "Connect",
                "IsOpen" or "IsOpened" => "Open",
                "IsStarted" or "IsRunning" or "Started" => "Start",
                "IsInitialized" or "IsInitialised" or "Initialized" => "Initialize",
                "IsLoggedIn" or "IsLoggedOn" or "LoggedIn" or "LoggedOn" => "LogOn",
                "IsSubscribed" or "Subscribed" => "Subscribe",
                "IsAuthenticated" or "Authenticated" => "Authenticate",
                _ => null,
            };

        /// <summary>The action a method performs (<c>Connect</c> for <c>ConnectAsync</c>); null for other names.</summary>
        public static string? ActionOfMethod(string method)
        {
            var name = method.EndsWith(AsyncSuffix, StringComparison.Ordinal) ? method.Substring(0, method.Length - AsyncSuffix.Length) : method;
            return name switch
            {
                "Connect" or "Open" or "Start" or "Initialize" or "Authenticate" or "Subscribe" => name,
                "Initialise" or "Init" => "Initialize",
                "LogOn" or "Login" or "LogIn" or "SignIn" => "LogOn",
                _ => null,
            };
        }

        /// <summary>How messages name the status an action establishes: <c>IsConnected</c> for <c>Connect</c>.</summary>
        public static string StatusName(string action)
            => action switch
            {
                "Connect" => "IsConnected",
                "Open" => "IsOpen",
                "Start" => "IsStarted",
                "Initialize" => "IsInitialized",
                "LogOn" => "IsLoggedOn",
                "Subscribe" => "IsSubscribed",
                _ => "IsAuthenticated",
            };

        /// <summary>The element key that stands for the status an action establishes: equal for the status and its action.</summary>
        public static object KeyOf(string action) => new StatusKey(action);

        private sealed class StatusKey
        {
            private readonly string _action;

            public StatusKey(string action) => _action = action;

            public override bool Equals(object? obj) => obj is StatusKey other && other._action == _action;

            public override int GetHashCode() => _action.GetHashCode() ^ 0x5f3759df;

            public override string ToString() => _action;
        }
    }
}
