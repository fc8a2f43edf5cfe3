namespace Attendance.LookupServer.Storage;

/// <summary>The database engines the server reads (and, except Firebird, holds its own schema in).</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,

    /// <summary>MariaDB or MySQL, through MySqlConnector (Lookup:Database:Provider mariadb or mysql).</summary>
    MariaDb,

    /// <summary>Firebird 3 or later, through FirebirdSql.Data.FirebirdClient (Lookup:Database:Provider firebird).</summary>
    Firebird,
}
