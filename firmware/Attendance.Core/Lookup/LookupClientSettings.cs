using Attendance.Core.Hardware;

namespace Attendance.Core.Lookup
{
    /// <summary>Where the lookup server is and how the terminal talks to it.</summary>
    public class LookupClientSettings
    {
        /// <summary>The server when there is only one (used when <see cref="Servers"/> is null).</summary>
        public string Host;

        public int Port = 7010;

        /// <summary>
        /// Several instances of the lookup server over one database, tried in turn (see <see cref="LookupClient"/>);
        /// null for the single <see cref="Host"/> and <see cref="Port"/>.
        /// </summary>
        public LookupServerList Servers;

        /// <summary>Plain TCP, or TLS from the first byte where the network is not trusted.</summary>
        public ConnectionSecurity Security = ConnectionSecurity.Plain;

        public string TerminalId;

        /// <summary>
        /// The terminal's HMAC key (docs/protocol.md, "Access control"). Null means the server runs in open mode:
        /// the client then expects no greeting and does not authenticate, like the 2002 clients.
        /// </summary>
        public byte[] TerminalKey;

        public int ConnectTimeoutMilliseconds = 5000;

        /// <summary>Longest wait for each answer line; a slower server counts as a timeout.</summary>
        public int RequestTimeoutMilliseconds = 5000;

        /// <summary>Local time minus UTC, in minutes, used for CODIGOCADEIRA's HH:MM and weekday.</summary>
        public int UtcOffsetMinutes;

        /// <summary>Minutes after the class start during which a swipe is not marked late.</summary>
        public int LateGraceMinutes = 15;
    }
}
