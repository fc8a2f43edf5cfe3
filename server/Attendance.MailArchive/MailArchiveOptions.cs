namespace Attendance.MailArchive;

/// <summary>Settings of the archive's SMTP listener (configuration section "MailArchive").</summary>
public sealed class MailArchiveOptions
{
    /// <summary>Off unless enabled: the lookup server does not open an SMTP port by surprise.</summary>
    public bool Enabled { get; set; }

    /// <summary>Loopback by default; set to a LAN address only behind the university's firewall.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port (tests, demo).</summary>
    public int Port { get; set; } = 2525;

    public string Folder { get; set; } = "mail-archive";

    /// <summary>Name announced in the greeting and in Received headers.</summary>
    public string HostName { get; set; } = "attendance-archive.localhost";

    /// <summary>Largest message accepted (SIZE extension, RFC 1870).</summary>
    public long MaximumMessageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>RFC 5321 section 4.5.3.1.8: at least 100 recipients must be accepted.</summary>
    public int MaximumRecipients { get; set; } = 100;

    /// <summary>RFC 5321 section 4.5.3.2.7: a server should wait at least 5 minutes for the next command.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public int MaximumConnections { get; set; } = 64;
}
