namespace Attendance.LookupServer.Storage;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
