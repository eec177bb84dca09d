using System;
using System.Collections.Generic;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// The status of another object and the action that establishes it: <c>client.IsConnected</c> and
    /// <c>client.Connect()</c>, <c>IsOpen</c> and <c>Open()</c>, <c>IsStarted</c>/<c>IsRunning</c> and <c>Start()</c>,
    /// <c>IsInitialized</c> and <c>Initialize()</c>, <c>IsLoggedIn</c>/<c>IsLoggedOn</c> and <c>Login()</c>/<c>LogOn()</c>,
    /// <c>IsSubscribed</c> and <c>Subscribe()</c>, <c>IsAuthenticated</c> and <c>Authenticate()</c> (each also as
    /// <c>…Async</c>), a stopwatch's <c>Elapsed</c>/<c>ElapsedMilliseconds</c>/<c>ElapsedTicks</c> and <c>Restart()</c>. A test of the status is a read of that part of the object's state and the action is a write of it,
    /// so <c>if (!client.IsConnected) { await …; client.Connect(); }</c> is a check-then-act: two flows that both saw
    /// it disconnected both connect. The inverse actions (<c>Disconnect</c>, <c>Close</c>, <c>Stop</c>) are cleanup and
    /// not counted. The object's own type need not bind: names are read from the syntax.
    /// </summary>
    internal static class ObjectStatus
    {
        private const string AsyncSuffix = "Async";

        /// <summary>Method names (without <c>Async</c>) and the action each performs.</summary>
        private static readonly (string Name, string Action)[] Actions =
        {
            ("Connect", "Connect"),
            ("Open", "Open"),
            ("Start", "Start"),
            ("Initialize", "Initialize"),
            ("Initialise", "Initialize"),
            ("Init", "Initialize"),
            ("Authenticate", "Authenticate"),
            ("Subscribe", "Subscribe"),
            ("LogOn", "LogOn"),
            ("Login", "LogOn"),
            ("LogIn", "LogOn"),
            ("SignIn", "LogOn"),
            ("Restart", "Restart"),
        };

        /// <summary>Status property names and the action each reports on.</summary>
        private static readonly Dictionary<string, string> Statuses = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["IsConnected"] = "Connect",
            ["Connected"] = "Connect",
            ["IsOpen"] = "Open",
            ["IsOpened"] = "Open",
            ["IsStarted"] = "Start",
            ["IsRunning"] = "Start",
            ["Started"] = "Start",
            ["IsInitialized"] = "Initialize",
            ["IsInitialised"] = "Initialize",
            ["Initialized"] = "Initialize",
            ["IsLoggedIn"] = "LogOn",
            ["IsLoggedOn"] = "LogOn",
            ["LoggedIn"] = "LogOn",
            ["LoggedOn"] = "LogOn",
            ["IsSubscribed"] = "Subscribe",
            ["Subscribed"] = "Subscribe",
            ["IsAuthenticated"] = "Authenticate",
            ["Authenticated"] = "Authenticate",
            ["Elapsed"] = "Restart",
            ["ElapsedMilliseconds"] = "Restart",
            ["ElapsedTicks"] = "Restart",
        };

        /// <summary>Every status property name: what the syntax filter takes an action to write.</summary>
        public static IEnumerable<string> StatusProperties => Statuses.Keys;

        /// <summary>The action a status property reports on (<c>Connect</c> for <c>IsConnected</c>); null for other names.</summary>
        public static string? ActionOfStatus(string property) => Statuses.TryGetValue(property, out var action) ? action : null;

        /// <summary>The action a method performs (<c>Connect</c> for <c>ConnectAsync</c>); null for other names.</summary>
        /// <remarks>Asked for every call the flow meets, so it compares in place rather than trimming the suffix.</remarks>
        public static string? ActionOfMethod(string method)
        {
            foreach (var (name, action) in Actions)
            {
                if (method.StartsWith(name, StringComparison.Ordinal)
                    && (method.Length == name.Length
                        || (method.Length == name.Length + AsyncSuffix.Length && method.EndsWith(AsyncSuffix, StringComparison.Ordinal))))
                {
                    return action;
                }
            }

            return null;
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
                "Restart" => "Elapsed",
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
