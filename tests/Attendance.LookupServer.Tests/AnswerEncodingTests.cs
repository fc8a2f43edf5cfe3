using Attendance.Core.Lookup;
using Attendance.LookupServer.Protocol;
using Microsoft.Data.Sqlite;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// The server's host-only answer path (no escape array for plain values, answers encoded into one reused
/// buffer per read) says exactly what Core's codec says.
/// </summary>
[TestClass]
public class AnswerEncodingTests
{
    [TestMethod]
    [DataRow("Conceição Araújo")]
    [DataRow("a|b")]
    [DataRow("back\\slash")]
    [DataRow("line\r\nbreak")]
    [DataRow("Ñandú Müller 😀")]
    [DataRow("x")]
    public void An_answer_line_is_what_the_Core_codec_joins_and_splits_back(string value)
    {
        var line = LookupRequestHandler.AnswerLine(value, "NAOEHALUNO");

        Assert.AreEqual(LookupFieldCodec.Join(new[] { value }), line);
        CollectionAssert.AreEqual(new[] { value }, LookupFieldCodec.Split(line));
    }

    [TestMethod]
    public void No_value_is_the_not_found_answer()
    {
        Assert.AreEqual("NAOEHALUNO", LookupRequestHandler.AnswerLine(null, "NAOEHALUNO"));
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(10)]
    public async Task Answers_longer_than_the_first_buffer_arrive_whole_and_in_order(int longNames)
    {
        // The longest legal name (Storage/DataRules.cs): 256 two-byte characters, 512 bytes of UTF-8 per answer;
        // ten of them with their neighbours in one pipelined batch are more than the 4096-byte answer buffer.
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        var longName = new string('ç', 256);
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE students SET name = $name WHERE code = 'A2003'";
            command.Parameters.AddWithValue("$name", longName);
            Assert.AreEqual(1, await command.ExecuteNonQueryAsync());
        }

        await using var server = await RunningServer.StartAsync(Servers.Sqlite, connectionString);
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        var requests = new List<string> { "NOMEALUNO|A2001" };
        var expected = new List<string> { "João Conceição" };
        for (var i = 0; i < longNames; i++)
        {
            requests.Add("NOMEALUNO|A2003");
            expected.Add(longName);
            requests.Add("NOMEALUNO|A2002");
            expected.Add("Ñandú Müller");
        }

        CollectionAssert.AreEqual(expected, await client.AskAsync(requests.ToArray()));
    }
}
