namespace Attendance.LookupServer.Tests;

/// <summary>
/// What the linked test fixtures (PostgresCluster, MariaDbServer, FirebirdServer) need of MSTest's Assert: an
/// engine that cannot be started ends its row of the bench with the fixture's reason.
/// </summary>
internal static class Assert
{
    public static void Fail(string message) => throw new InvalidOperationException(message);

    public static void Inconclusive(string message) => throw new InvalidOperationException(message);
}
