using System;
using System.Collections.Generic;

namespace AwaitRaceAnalyzer.Filters
{
    /// <summary>The receivers each name was used through: the first one per name, and the rare others in one set.</summary>
    internal sealed class NameReceivers
    {
        private readonly Dictionary<string, string> _first = new Dictionary<string, string>();
        private HashSet<(string Name, string Receiver)>? _others;

        public void Clear()
        {
            _first.Clear();
            _others?.Clear();
        }

        public void Add(string name, string receiver)
        {
            if (!_first.TryGetValue(name, out var first))
            {
                _first.Add(name, receiver);
            }
            else if (first != receiver)
            {
                (_others ??= new HashSet<(string Name, string Receiver)>()).Add((name, receiver));
            }
        }

        public void CopyTo(string name, List<string> receivers)
        {
            if (!_first.TryGetValue(name, out var first))
            {
                return;
            }

            receivers.Add(first);
            foreach (var other in _others ?? (IEnumerable<(string Name, string Receiver)>)Array.Empty<(string, string)>())
            {
                if (other.Name == name)
                {
                    receivers.Add(other.Receiver);
                }
            }
        }
    }
}
