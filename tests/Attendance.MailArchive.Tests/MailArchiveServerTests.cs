using System.Net.Sockets;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Attendance.MailArchive.Tests;

[TestClass]
public class MailArchiveServerTests
{
    [TestMethod]
    public async Task A_message_sent_with_MailKit_is_filed_intact_with_its_envelope()
    {
        await using var archive = await ArchiveFixture.StartAsync();
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Terminal T01", "t01@school.example"));
        message.To.Add(new MailboxAddress("João Conceição", "joao@school.example"));
        message.Cc.Add(new MailboxAddress("Archive", "archive@school.example"));
        message.Subject = "Presenças: Ñandú Müller";
        message.Body = new TextPart("plain") { Text = ".leading dot\r\nSecond line with ç\r\n..two dots\r\n" };

        using (var client = new SmtpClient())
        {
            await client.ConnectAsync(archive.EndPoint.Address.ToString(), archive.EndPoint.Port, SecureSocketOptions.None);
            await client.SendAsync(message);
            await client.DisconnectAsync(quit: true);
        }

        var files = archive.Server.Folder.List();
        Assert.AreEqual(1, files.Count);
        var stored = await MimeMessage.LoadAsync(files[0]);
        Assert.AreEqual("Presenças: Ñandú Müller", stored.Subject);
        Assert.AreEqual(".leading dot\nSecond line with ç\n..two dots\n", ((TextPart)stored.Body!).Text.ReplaceLineEndings("\n"));
        Assert.AreEqual("<t01@school.example>", stored.Headers["Return-Path"]);
        StringAssert.Contains(stored.Headers["X-Archive-Recipients"], "joao@school.example");
        StringAssert.Contains(stored.Headers["X-Archive-Recipients"], "archive@school.example");
    }

    [TestMethod]
    public async Task Pipelined_commands_are_answered_in_order()
    {
        await using var archive = await ArchiveFixture.StartAsync();
        using var socket = new TcpClient();
        await socket.ConnectAsync(archive.EndPoint);
        var stream = socket.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        StringAssert.StartsWith(await reader.ReadLineAsync(), "220 ");

        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "EHLO t01\r\nMAIL FROM:<a@x>\r\nRCPT TO:<b@x>\r\nRCPT TO:<c@x>\r\nDATA\r\n"));
        var replies = new List<string>();
        while (replies.Count < 9)
        {
            replies.Add((await reader.ReadLineAsync())!);
        }

        CollectionAssert.AreEqual(
            new[] { "250-", "250-", "250-", "250-", "250 ", "250 ", "250 ", "250 ", "354 " },
            replies.Select(r => r[..4]).ToArray(), string.Join(" | ", replies));

        await stream.WriteAsync(Encoding.ASCII.GetBytes("Subject: x\r\n\r\nbody\r\n.\r\nQUIT\r\n"));
        StringAssert.StartsWith(await reader.ReadLineAsync(), "250 ");
        StringAssert.StartsWith(await reader.ReadLineAsync(), "221 ");
        Assert.AreEqual(1, archive.Server.Folder.List().Count);
    }

    [TestMethod]
    [DataRow("DATA", "503")]
    [DataRow("RCPT TO:<b@x>", "503")]
    [DataRow("MAIL FROM:bad", "501")]
    [DataRow("FROB", "500")]
    public async Task Commands_out_of_order_or_malformed_get_an_error_and_the_session_goes_on(string command, string expectedCode)
    {
        await using var archive = await ArchiveFixture.StartAsync();
        using var socket = new TcpClient();
        await socket.ConnectAsync(archive.EndPoint);
        var stream = socket.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        await reader.ReadLineAsync();

        await stream.WriteAsync(Encoding.ASCII.GetBytes("HELO t\r\n" + command + "\r\nNOOP\r\n"));
        StringAssert.StartsWith(await reader.ReadLineAsync(), "250 ");
        StringAssert.StartsWith(await reader.ReadLineAsync(), expectedCode + " ");
        StringAssert.StartsWith(await reader.ReadLineAsync(), "250 ");
    }

    [TestMethod]
    public async Task A_connection_cut_during_DATA_files_nothing()
    {
        await using var archive = await ArchiveFixture.StartAsync();
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(archive.EndPoint);
            var stream = socket.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HELO t\r\nMAIL FROM:<a@x>\r\nRCPT TO:<b@x>\r\nDATA\r\nSubject: half\r\n\r\nhalf a mess"));
            var reader = new StreamReader(stream, Encoding.ASCII);
            for (var i = 0; i < 5; i++)
            {
                await reader.ReadLineAsync();
            }
        }

        await Task.Delay(200);
        Assert.AreEqual(0, archive.Server.Folder.List().Count);
        Assert.AreEqual(0, Directory.EnumerateFiles(archive.Folder).Count());
    }

    [TestMethod]
    public async Task A_message_over_the_size_limit_is_refused_permanently()
    {
        await using var archive = await ArchiveFixture.StartAsync(options => options.MaximumMessageBytes = 1000);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("a@x.example"));
        message.To.Add(MailboxAddress.Parse("b@x.example"));
        message.Body = new TextPart("plain") { Text = new string('x', 5000) };

        using var client = new SmtpClient();
        await client.ConnectAsync(archive.EndPoint.Address.ToString(), archive.EndPoint.Port, SecureSocketOptions.None);
        var refused = await Assert.ThrowsExactlyAsync<SmtpCommandException>(() => client.SendAsync(message));

        Assert.AreEqual(SmtpStatusCode.ExceededStorageAllocation, refused.StatusCode);
        Assert.AreEqual(0, archive.Server.Folder.List().Count);
    }

    [TestMethod]
    public async Task A_disabled_archive_creates_no_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "archive-disabled-" + Guid.NewGuid().ToString("N"));
        var options = new MailArchiveOptions { Enabled = false, Port = 0, Folder = folder };
        using var server = new MailArchiveServer(Microsoft.Extensions.Options.Options.Create(options), Microsoft.Extensions.Logging.Abstractions.NullLogger<MailArchiveServer>.Instance);

        await server.StartAsync(CancellationToken.None);
        await Assert.ThrowsAsync<TaskCanceledException>(() => server.Listening.WaitAsync(TimeSpan.FromSeconds(10)));
        await server.StopAsync(CancellationToken.None);

        Assert.IsFalse(Directory.Exists(folder), "the disabled archive created " + folder);
        Assert.AreEqual(0, server.Folder.List().Count);
    }

    [TestMethod]
    public async Task An_enabled_archive_creates_its_folder_when_it_starts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "archive-enabled-" + Guid.NewGuid().ToString("N"), "nested");
        var options = new MailArchiveOptions { Enabled = true, Port = 0, Folder = folder };
        using var server = new MailArchiveServer(Microsoft.Extensions.Options.Options.Create(options), Microsoft.Extensions.Logging.Abstractions.NullLogger<MailArchiveServer>.Instance);
        Assert.IsFalse(Directory.Exists(folder), "constructing the server created the folder");

        await server.StartAsync(CancellationToken.None);
        await server.Listening.WaitAsync(TimeSpan.FromSeconds(10));
        await server.StopAsync(CancellationToken.None);

        Assert.IsTrue(Directory.Exists(folder));
        Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
    }
}
