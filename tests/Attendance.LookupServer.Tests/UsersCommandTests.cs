using Attendance.LookupServer.Admin;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// The portal's accounts in both databases: the `users` command over Identity's UserManager and the ADO user
/// store (Storage/SqlPortalUserStore), migration 4's table and its constraints, on SQLite and PostgreSQL.
/// </summary>
[TestClass]
public class UsersCommandTests
{
    [TestMethod]
    [DataRow(Servers.Sqlite)]
    [DataRow(Servers.PostgreSql)]
    [DataRow(Servers.MariaDb)]
    public async Task Accounts_are_added_listed_changed_and_removed(string provider)
    {
        var connectionString = await Servers.NewDatabaseAsync(provider);
        await RunningServer.SeedAsync(provider, connectionString);

        var added = await RunAsync(provider, connectionString, null, "add", "Ana.Admin", "--role", "Administrator");
        Assert.AreEqual(0, added.Status, added.Errors);
        StringAssert.Contains(added.Output, "users: added Ana.Admin (administrator)");
        Assert.AreEqual(0, (await RunAsync(provider, connectionString, "professor password 1", "add", "prof", "--role", "professor", "--professor", "P1001", "--password-stdin")).Status);

        // Names are unique whatever their case (Identity's normalised name).
        var again = await RunAsync(provider, connectionString, null, "add", "ana.admin", "--role", "secretary");
        Assert.AreEqual(1, again.Status);
        StringAssert.Contains(again.Errors, "already exists");
        var unknownProfessor = await RunAsync(provider, connectionString, null, "add", "other", "--role", "professor", "--professor", "P9999");
        Assert.AreEqual(1, unknownProfessor.Status);
        StringAssert.Contains(unknownProfessor.Errors, "no professor with code 'P9999'");
        Assert.AreEqual(2, (await RunAsync(provider, connectionString, null, "add", "other", "--role", "dean")).Status);
        Assert.AreEqual(2, (await RunAsync(provider, connectionString, null, "add", "other", "--role", "secretary", "--professor", "P1001")).Status);

        var changed = await RunAsync(provider, connectionString, null, "set-role", "prof", "secretary");
        Assert.AreEqual(0, changed.Status, changed.Errors);
        var list = await RunAsync(provider, connectionString, null, "list");
        StringAssert.Contains(list.Output, "Ana.Admin  administrator\n");
        StringAssert.Contains(list.Output, "prof  secretary\n");
        StringAssert.Contains(list.Output, "users: 2 accounts");

        var newPassword = await RunAsync(provider, connectionString, null, "password", "prof");
        Assert.AreEqual(0, newPassword.Status, newPassword.Errors);
        StringAssert.Contains(newPassword.Output, "password (shown this once");
        Assert.AreEqual(0, (await RunAsync(provider, connectionString, null, "unlock", "prof")).Status);
        Assert.AreEqual(0, (await RunAsync(provider, connectionString, null, "remove", "prof")).Status);
        StringAssert.Contains((await RunAsync(provider, connectionString, null, "list")).Output, "users: 1 account");
        Assert.AreEqual(1, (await RunAsync(provider, connectionString, null, "remove", "prof")).Status);
    }

    private static async Task<(int Status, string Output, string Errors)> RunAsync(string provider, string connectionString, string? input, params string[] words)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var status = await UsersCommand.RunAsync([.. words, "--Lookup:Database:Provider=" + provider, "--Lookup:Database:ConnectionString=" + connectionString],
            new StringReader(input ?? ""), output, errors);
        return (status, output.ToString().ReplaceLineEndings("\n"), errors.ToString());
    }
}
