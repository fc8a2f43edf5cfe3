using System;
using System.Collections;
using System.Net;
using System.Net.Sockets;
using Attendance.Core.Hardware;

namespace Attendance.Terminal.Adapters
{
    /// <summary>
    /// Host names resolved recently, so that a connect does not wait for DNS every time. nanoFramework's
    /// <c>Dns.GetHostEntry</c> has no timeout of ours (nf-interpreter's getaddrinfo gives up after about 30 s),
    /// and the door's professor check must stay within its few seconds: with the lookup server's address
    /// cached (resolved at start-up or by the worker's last lookup), a DNS server that went silent costs the
    /// door nothing. An address is reused for <see cref="FreshMilliseconds"/>; after that it is resolved again,
    /// and when that fails the last known address is used rather than none (servers rarely move; if it did,
    /// the connect fails and is retried later). An IP address literal resolves to itself without DNS.
    /// Shared by the door loop and the network worker, hence the lock (never held while resolving).
    /// </summary>
    internal sealed class AddressCache
    {
        public const int FreshMilliseconds = 10 * 60 * 1000;

        private readonly Hashtable _entries = new Hashtable();
        private readonly object _lock = new object();

        public IPAddress Resolve(string host)
        {
            Entry known;
            lock (_lock)
            {
                known = (Entry)_entries[host];
            }

            long now = Environment.TickCount64;
            if (known != null && now - known.ResolvedAt < FreshMilliseconds)
            {
                return known.Address;
            }

            try
            {
                IPAddress address = Lookup(host);
                Entry entry = new Entry();
                entry.Address = address;
                entry.ResolvedAt = now;
                lock (_lock)
                {
                    _entries[host] = entry;
                }

                return address;
            }
            catch (NetworkException)
            {
                if (known != null)
                {
                    return known.Address;
                }

                throw;
            }
        }

        private static IPAddress Lookup(string host)
        {
            try
            {
                IPHostEntry entry = Dns.GetHostEntry(host);
                if (entry.AddressList.Length == 0)
                {
                    throw new NetworkException(NetworkFailure.Unreachable, "no address for " + host);
                }

                return entry.AddressList[0];
            }
            catch (SocketException exception)
            {
                throw new NetworkException(NetworkFailure.Unreachable, "cannot resolve " + host + ", socket error " + exception.ErrorCode.ToString(), exception);
            }
        }

        private sealed class Entry
        {
            public IPAddress Address;
            public long ResolvedAt;
        }
    }
}
