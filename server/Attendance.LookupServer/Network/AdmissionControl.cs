using System.Net;

namespace Attendance.LookupServer.Network;

/// <summary>
/// Who may hold a connection (server/README.md, "Hostile clients"). Every connection starts unauthenticated,
/// in a budget of its own (Lookup:Admission:MaxUnauthenticatedConnections, and per client address), and moves to
/// the authenticated count when its AUTENTICAR succeeds (<see cref="Promote"/>); the total stays within
/// Lookup:MaxConnections. A newcomer is not refused because of idle unauthenticated connections: when a budget
/// is full it closes the oldest unauthenticated connection of its own address, or else of the address holding the
/// most (or else the oldest of all), provided that one has been waiting at least
/// Lookup:Admission:EvictAfterMilliseconds. So idle strangers cannot keep terminals out, and a stranger on one
/// address can only push out its own; the grace keeps a burst of terminals (all young, all about to authenticate)
/// from pushing each other out: when every candidate is younger, the newcomer is told busy and tries again.
/// Authenticated connections filling MaxConnections, and a back-off after failed logins, also refuse a newcomer. In open mode nothing authenticates: every connection counts as authenticated, within
/// MaxConnections and Lookup:Admission:OpenModeMaxConnectionsPerAddress. Thread-safe (one lock).
/// </summary>
public sealed class AdmissionControl
{
    private readonly object _gate = new();
    private readonly int _maxConnections;
    private readonly int _maxUnauthenticated;
    private readonly AdmissionOptions _options;
    private readonly bool _openMode;
    private readonly TimeSpan _evictAfter;
    private readonly LinkedList<Ticket> _unauthenticated = new();
    private readonly Dictionary<IPAddress, LinkedList<Ticket>> _unauthenticatedByAddress = new();
    private readonly Dictionary<IPAddress, int> _openByAddress = new();
    private readonly Dictionary<IPAddress, FailureRecord> _failures = new();
    private int _authenticated;

    public AdmissionControl(LookupServerOptions options)
    {
        _options = options.Admission;
        _openMode = options.OpenMode;
        _maxConnections = options.MaxConnections;

        // A budget above the total would mean nothing: the total bounds it.
        _evictAfter = TimeSpan.FromMilliseconds(_options.EvictAfterMilliseconds);
        _maxUnauthenticated = Math.Min(_options.MaxUnauthenticatedConnections, options.MaxConnections);
    }

    public enum Verdict
    {
        Admitted,
        Busy,
        BackedOff,
    }

    public int Authenticated
    {
        get { lock (_gate) { return _authenticated; } }
    }

    public int Unauthenticated
    {
        get { lock (_gate) { return _unauthenticated.Count; } }
    }

    public int TrackedFailureAddresses
    {
        get { lock (_gate) { return _failures.Count; } }
    }

    /// <summary>
    /// Admits a connection from <paramref name="address"/>, or says why not. Connections pushed out to make room
    /// are added to <paramref name="evicted"/>: the caller cancels them outside the lock.
    /// </summary>
    public Verdict TryAdmit(IPAddress address, DateTime now, List<Ticket> evicted, out Ticket? ticket, out TimeSpan blockedFor)
    {
        address = Normalize(address);
        ticket = null;
        blockedFor = TimeSpan.Zero;
        lock (_gate)
        {
            if (_failures.TryGetValue(address, out var record) && record.BlockedUntil > now)
            {
                blockedFor = record.BlockedUntil - now;
                return Verdict.BackedOff;
            }

            if (_openMode)
            {
                _openByAddress.TryGetValue(address, out var fromAddress);
                if (_authenticated >= _maxConnections || fromAddress >= _options.OpenModeMaxConnectionsPerAddress)
                {
                    return Verdict.Busy;
                }

                _openByAddress[address] = fromAddress + 1;
                _authenticated++;
                ticket = new Ticket(address, authenticated: true);
                return Verdict.Admitted;
            }

            if (_authenticated >= _maxConnections)
            {
                return Verdict.Busy;
            }

            var evictable = now - _evictAfter;
            if (_unauthenticatedByAddress.TryGetValue(address, out var own))
            {
                while (own.Count >= _options.MaxUnauthenticatedPerAddress)
                {
                    if (own.First!.Value.Admitted > evictable)
                    {
                        // Its own address's connections are all younger than the grace: a burst, not idlers.
                        return Verdict.Busy;
                    }

                    evicted.Add(EvictOldest(own));
                }
            }

            while (_unauthenticated.Count >= _maxUnauthenticated || _authenticated + _unauthenticated.Count >= _maxConnections)
            {
                var fullest = Fullest();
                if (fullest.First!.Value.Admitted <= evictable)
                {
                    evicted.Add(EvictOldest(fullest));
                }
                else if (_unauthenticated.First!.Value.Admitted <= evictable)
                {
                    evicted.Add(EvictOldest(_unauthenticatedByAddress[_unauthenticated.First.Value.Address]));
                }
                else
                {
                    return Verdict.Busy;
                }
            }

            ticket = new Ticket(address, authenticated: false) { Admitted = now };
            ticket.Node = _unauthenticated.AddLast(ticket);
            if (!_unauthenticatedByAddress.TryGetValue(address, out own))
            {
                own = new LinkedList<Ticket>();
                _unauthenticatedByAddress.Add(address, own);
            }

            ticket.AddressNode = own.AddLast(ticket);
            return Verdict.Admitted;
        }
    }

    /// <summary>
    /// Moves an unauthenticated connection to the authenticated count after its AUTENTICAR succeeded. False when
    /// it was pushed out meanwhile (it is closing). The total does not change, so this never needs room.
    /// </summary>
    public bool Promote(Ticket ticket)
    {
        lock (_gate)
        {
            if (ticket.Authenticated)
            {
                return true;
            }

            if (ticket.Node == null)
            {
                return false;
            }

            Unlink(ticket);
            ticket.Authenticated = true;
            _authenticated++;
            return true;
        }
    }

    /// <summary>The connection ended: frees its place (once).</summary>
    public void Release(Ticket ticket)
    {
        lock (_gate)
        {
            if (ticket.Released)
            {
                return;
            }

            ticket.Released = true;
            if (ticket.Node != null)
            {
                Unlink(ticket);
            }
            else if (ticket.Authenticated)
            {
                _authenticated--;
                if (_openByAddress.TryGetValue(ticket.Address, out var fromAddress))
                {
                    if (fromAddress <= 1)
                    {
                        _openByAddress.Remove(ticket.Address);
                    }
                    else
                    {
                        _openByAddress[ticket.Address] = fromAddress - 1;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Counts a failed AUTENTICAR from <paramref name="address"/>. From the Lookup:Admission:FailedLoginsBeforeBackoff-th
    /// on, the address is refused for BackoffSeconds, doubled by every further failure up to MaxBackoffSeconds.
    /// Returns the failures counted and the refusal period now running (zero when none).
    /// </summary>
    public (int Failures, TimeSpan BlockedFor) RecordFailedLogin(IPAddress address, DateTime now)
    {
        address = Normalize(address);
        lock (_gate)
        {
            if (!_failures.TryGetValue(address, out var record) || IsStale(record, now))
            {
                MakeRoomForFailure(now);
                record = new FailureRecord();
            }

            record.Count++;
            record.Last = now;
            var blockedFor = TimeSpan.Zero;
            if (_options.FailedLoginsBeforeBackoff > 0 && record.Count >= _options.FailedLoginsBeforeBackoff)
            {
                var doublings = Math.Min(record.Count - _options.FailedLoginsBeforeBackoff, 30);
                var seconds = Math.Min((double)_options.BackoffSeconds * (1L << doublings), _options.MaxBackoffSeconds);
                blockedFor = TimeSpan.FromSeconds(seconds);
                record.BlockedUntil = now + blockedFor;
            }

            _failures[address] = record;
            return (record.Count, blockedFor);
        }
    }

    /// <summary>IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d; they are one address with a.b.c.d.</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private bool IsStale(FailureRecord record, DateTime now) =>
        record.BlockedUntil <= now && now - record.Last > TimeSpan.FromSeconds(_options.MaxBackoffSeconds);

    /// <summary>Keeps the table within Lookup:Admission:TrackedAddresses: the stale go first, then the stalest.</summary>
    private void MakeRoomForFailure(DateTime now)
    {
        if (_failures.Count < _options.TrackedAddresses)
        {
            return;
        }

        foreach (var entry in _failures.Where(entry => IsStale(entry.Value, now)).ToList())
        {
            _failures.Remove(entry.Key);
        }

        while (_failures.Count >= _options.TrackedAddresses)
        {
            _failures.Remove(_failures.MinBy(entry => entry.Value.Last).Key);
        }
    }

    /// <summary>The unauthenticated connections of the address holding the most (the first such when tied).</summary>
    private LinkedList<Ticket> Fullest()
    {
        LinkedList<Ticket>? fullest = null;
        foreach (var list in _unauthenticatedByAddress.Values)
        {
            if (fullest == null || list.Count > fullest.Count)
            {
                fullest = list;
            }
        }

        return fullest ?? throw new InvalidOperationException("No unauthenticated connection to close.");
    }

    private Ticket EvictOldest(LinkedList<Ticket> list)
    {
        var oldest = list.First!.Value;
        Unlink(oldest);
        oldest.Evicted = true;
        return oldest;
    }

    private void Unlink(Ticket ticket)
    {
        _unauthenticated.Remove(ticket.Node!);
        ticket.Node = null;
        var own = ticket.AddressNode!.List!;
        own.Remove(ticket.AddressNode);
        ticket.AddressNode = null;
        if (own.Count == 0)
        {
            _unauthenticatedByAddress.Remove(ticket.Address);
        }
    }

    /// <summary>One connection's place. <see cref="Cut"/> is cancelled when it is pushed out.</summary>
    public sealed class Ticket
    {
        public Ticket(IPAddress address, bool authenticated)
        {
            Address = address;
            Authenticated = authenticated;
        }

        public IPAddress Address { get; }

        /// <summary>When it was admitted (for the eviction grace).</summary>
        public DateTime Admitted { get; init; }

        public CancellationTokenSource Cut { get; } = new();

        /// <summary>Pushed out by a newer connection (read after <see cref="Cut"/> fired).</summary>
        public bool Evicted { get; internal set; }

        internal bool Authenticated { get; set; }

        internal bool Released { get; set; }

        internal LinkedListNode<Ticket>? Node { get; set; }

        internal LinkedListNode<Ticket>? AddressNode { get; set; }
    }

    private struct FailureRecord
    {
        public int Count;
        public DateTime Last;
        public DateTime BlockedUntil;
    }
}
