namespace Attendance.LookupServer;

/// <summary>The "Lookup" configuration section (appsettings.json, environment Lookup__*, command line --Lookup:*).</summary>
public sealed class LookupServerOptions
{
    public const string SectionName = "Lookup";

    /// <summary>Serve the terminals' lookups; false (the `portal` command) serves the portal alone.</summary>
    public bool Enabled { get; set; } = true;

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

    public CacheOptions Cache { get; set; } = new();

    /// <summary>"Lookup:Mapping": the institution's own database and the statements that read it (docs/mapping.md).</summary>
    public MappingOptions Mapping { get; set; } = new();

    public TlsOptions Tls { get; set; } = new();

    /// <summary>"Lookup:Admission": limits against hostile clients (AdmissionOptions.cs).</summary>
    public AdmissionOptions Admission { get; set; } = new();

    /// <summary>"Lookup:Archive": the stored rolls and the portal's reading of them (ArchiveOptions.cs).</summary>
    public ArchiveOptions Archive { get; set; } = new();
}

/// <summary>
/// The "Lookup:Tls" section: when <see cref="CertificatePath"/> is set, every connection is TLS from the first
/// byte (docs/protocol.md, "Transport security"); terminals still authenticate with AUTENTICAR on top. Put the
/// password (and the paths, if they are private) in the untracked appsettings.local.json.
/// </summary>
public sealed class TlsOptions
{
    /// <summary>
    /// The server's certificate: a PKCS#12 file (.pfx/.p12) holding the key, or a PEM certificate (chain) with the
    /// key in <see cref="KeyPath"/> or in the same file. Empty (default): plain TCP.
    /// </summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>PEM private key (PKCS#8, or encrypted PKCS#8 with <see cref="Password"/>); empty when the key is in the certificate file.</summary>
    public string KeyPath { get; set; } = "";

    /// <summary>Password of the PKCS#12 file or of the encrypted PEM key; empty for none. Never logged.</summary>
    public string Password { get; set; } = "";

    /// <summary>A client that has not finished the TLS handshake this long after connecting is closed.</summary>
    public int HandshakeTimeoutSeconds { get; set; } = 10;

    public bool Enabled => CertificatePath.Length > 0;
}

/// <summary>The "Lookup:Database" section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>
    /// "sqlite", "postgresql", "mariadb" (or "mysql") or "firebird"; empty (default) picks by the connection string
    /// (Host=... PostgreSQL, Data Source=... SQLite; MariaDB and Firebird only by name, their keywords overlap). A
    /// named provider that contradicts or cannot read the connection string stops the server with an error.
    /// </summary>
    public string Provider { get; set; } = "";

    public string ConnectionString { get; set; } = "Data Source=lookup.db";

    /// <summary>
    /// PostgreSQL, MariaDB, Firebird: connections the server's pool opens at most, unless the connection string sets
    /// "Maximum Pool Size" (MaxPoolSize). Keep instances x (this + 1) within max_connections minus a reserve (server/README.md).
    /// </summary>
    public int MaximumPoolSize { get; set; } = Storage.LookupDatabase.DefaultMaximumPoolSize;

    /// <summary>Retries of a lookup after a database failure that may pass (out of connections, lost connection, deadlock, timeout).</summary>
    public int TransientRetries { get; set; } = 3;

    /// <summary>Delay before the first retry; it doubles for each further one (with up to half again of jitter).</summary>
    public int TransientRetryDelayMilliseconds { get; set; } = 50;

    /// <summary>
    /// Fills an empty, newly created database with the demo data set (Storage/SampleData.cs); `--demo` sets it.
    /// Refused unless BindAddress is loopback: the demo terminal's key is public.
    /// </summary>
    public bool SampleData { get; set; }
}

/// <summary>The "Lookup:Cache" section: the in-memory answer cache in front of the database (server/README.md, "Cache").</summary>
public sealed class CacheOptions
{
    /// <summary>Answers kept at most; when full the cache starts again empty. 0 turns the cache off.</summary>
    public int MaximumEntries { get; set; } = 100_000;

    /// <summary>
    /// How often, at most, the cache checks for commits of other connections (the import command, sqlite3, psql):
    /// SQLite reads <c>PRAGMA data_version</c>, PostgreSQL takes the notifications of the change triggers. An
    /// answer is at most this old plus one check after a commit. 0 checks before every answer.
    /// </summary>
    public int CheckIntervalMilliseconds { get; set; } = 20;

    /// <summary>
    /// PostgreSQL: the longest an answer is kept even when no change was notified (for writers that bypass the
    /// change triggers, e.g. pg_restore --disable-triggers or logical replication). 0 (default): no such limit; the
    /// cache is emptied on every notified change (Storage/PostgreSqlChangeDetector.cs).
    /// </summary>
    public int PostgreSqlTimeToLiveMilliseconds { get; set; }

    /// <summary>
    /// Seconds an answer is kept, per command (EHPROFESSOR, NOMEPROFESSOR, NOMEALUNO, CODIGOCADEIRA, INICIOCADEIRA,
    /// CODIGOCURSOCADEIRA, NOMECURSO, NOMECADEIRA, MATRICULADO). A command not listed keeps its answers until a change
    /// is seen when the lookups read our own schema, and <see cref="CachingLookupStore.DefaultTimeToLiveSeconds"/>
    /// on a database we do not own (no change triggers there). 0: no time limit.
    /// </summary>
    public Dictionary<string, int> TimeToLiveSeconds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// On a database we do not own: how often, at most, the cache looks for a flush request (`cache flush`, a row
    /// in our own database's cache_flushes).
    /// </summary>
    public int FlushCheckIntervalMilliseconds { get; set; } = 1000;
}

/// <summary>
/// The "Lookup:Mapping" section: where the lookups read and what they run (docs/mapping.md). Empty (default): our
/// own schema in Lookup:Database. Lookup:Database stays our own database (rolls, terminals, portal accounts,
/// migrations); the institution's database is only read.
/// </summary>
public sealed class MappingOptions
{
    /// <summary>A JSON file holding a "Lookup:Mapping" section (server/mappings/*.json), loaded under the command line.</summary>
    public string File { get; set; } = "";

    /// <summary>The institution's database; an empty ConnectionString reads Lookup:Database. A read-only account is enough.</summary>
    public DatabaseOptions Database { get; set; } = new() { ConnectionString = "" };

    /// <summary>iso (default), sunday1, sunday0 or seven values Monday first (Storage/LookupMapping.cs, WeekdayMap).</summary>
    public string Weekdays { get; set; } = "iso";

    /// <summary>hh:mm (default), hh:mm:ss, time, minutes or hhmm (Storage/LookupMapping.cs, TimeFormat).</summary>
    public string TimeFormat { get; set; } = "hh:mm";

    /// <summary>Statements by command name (EHPROFESSOR ... AUTENTICAR, NOMEALUNO_SET, MATRICULADO_SET, ALUNOSMATRICULADOS, CADEIRASDOPROFESSOR, CADEIRASDOALUNO); missing ones are ours.</summary>
    public Dictionary<string, string> Queries { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Code parameters the institution keeps as integers (e.g. "course"): bound as numbers; a non-number is not found.</summary>
    public string[] IntegerParameters { get; set; } = [];

    public bool HasOwnDatabase => !string.IsNullOrWhiteSpace(Database.ConnectionString);
}
