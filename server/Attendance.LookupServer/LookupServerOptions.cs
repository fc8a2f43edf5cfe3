namespace Attendance.LookupServer;

/// <summary>The "Lookup" configuration section (appsettings.json, environment Lookup__*, command line --Lookup:*).</summary>
public sealed class LookupServerOptions
{
    public const string SectionName = "Lookup";

    /// <summary>Address to listen on; 0.0.0.0 for every interface, 127.0.0.1 for loopback only.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>TCP port; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 7010;

    /// <summary>
    /// Answers the original commands without a greeting or authentication, like the 2002 server, for old
    /// clients. Anyone who can reach the port can then read names and e-mails: off unless configured.
    /// </summary>
    public bool OpenMode { get; set; }

    /// <summary>Connections served at once; one more is told ERRO and closed.</summary>
    public int MaxConnections { get; set; } = 1000;

    /// <summary>A connection that sends no complete line for this long is closed.</summary>
    public int IdleTimeoutSeconds { get; set; } = 60;

    public DatabaseOptions Database { get; set; } = new();
}

/// <summary>The "Lookup:Database" section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>"sqlite" or "postgresql"; empty picks by the connection string (Host=... means PostgreSQL).</summary>
    public string Provider { get; set; } = "";

    public string ConnectionString { get; set; } = "Data Source=lookup.db";

    /// <summary>Fills an empty, newly created database with the demo data set (Storage/SampleData.cs).</summary>
    public bool SampleData { get; set; }
}
