namespace Attendance.Core.Lookup
{
    /// <summary>
    /// The lookup servers a terminal may ask (<c>lookup.host = a.example, b.example:7011</c>), all instances over
    /// one shared database, and which of them answered last: the next exchange starts there, so a terminal whose
    /// first server is down pays the failed connect once and not on every lookup. One list is shared by the door's
    /// and the worker's clients (built once by <see cref="Terminal.TerminalComponents.Lookup"/>), so a server
    /// the worker found answering is where the door's bounded professor check starts too. The preferred index is
    /// a single int, read and written whole by both threads; a lost update only costs one failed connect.
    /// </summary>
    public class LookupServerList
    {
        private readonly string[] _hosts;
        private readonly int[] _ports;
        private int _preferred;

        public LookupServerList(string[] hosts, int[] ports)
        {
            if (hosts == null || ports == null || hosts.Length == 0 || hosts.Length != ports.Length)
            {
                throw new System.ArgumentException("a lookup server list needs one port per host and at least one host");
            }

            _hosts = hosts;
            _ports = ports;
        }

        /// <summary>A list of one server.</summary>
        public static LookupServerList Single(string host, int port)
        {
            return new LookupServerList(new string[] { host }, new int[] { port });
        }

        public int Count
        {
            get { return _hosts.Length; }
        }

        public string HostAt(int index)
        {
            return _hosts[index];
        }

        public int PortAt(int index)
        {
            return _ports[index];
        }

        /// <summary>The server the next exchange starts with: the one that answered last.</summary>
        public int Preferred
        {
            get
            {
                int preferred = _preferred;
                return preferred >= 0 && preferred < _hosts.Length ? preferred : 0;
            }

            set
            {
                _preferred = value;
            }
        }
    }
}
