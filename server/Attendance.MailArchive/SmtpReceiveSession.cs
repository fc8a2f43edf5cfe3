using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Attendance.MailArchive;

/// <summary>
/// One SMTP conversation on the receiving side (RFC 5321 section 4): greeting, EHLO/HELO, MAIL, RCPT, DATA,
/// RSET, NOOP, QUIT. Commands may be pipelined (RFC 2920): they are read and answered in order. Each accepted
/// message is filed by <see cref="MessageFolder"/> before the final 250, so a 250 always means "stored".
/// </summary>
internal sealed class SmtpReceiveSession
{
    // RFC 5321 section 4.5.3.1.4 (command line 512 octets) and 4.5.3.1.6 (text line 1000 octets), CRLF included.
    private const int MaximumCommandLength = 510;
    private const int MaximumTextLineLength = 998;

    private readonly Socket socket;
    private readonly MailArchiveOptions options;
    private readonly MessageFolder folder;
    private readonly ILogger logger;
    private readonly Action<ArchivedMessage> accepted;

    private string clientName = "unknown";
    private string? reversePath;
    private readonly List<string> recipients = new();

    public SmtpReceiveSession(Socket socket, MailArchiveOptions options, MessageFolder folder, ILogger logger, Action<ArchivedMessage> accepted)
    {
        this.socket = socket;
        this.options = options;
        this.folder = folder;
        this.logger = logger;
        this.accepted = accepted;
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        var remote = socket.RemoteEndPoint as IPEndPoint;
        var clientAddress = remote?.Address.ToString() ?? "unknown";
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = new SmtpLineReader(stream);
        await ReplyAsync(stream, "220 " + options.HostName + " ESMTP attendance mail archive", stopping);

        while (!stopping.IsCancellationRequested)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            idle.CancelAfter(options.IdleTimeout);
            (byte[]? Line, bool Overlong) read;
            try
            {
                read = await reader.ReadLineAsync(MaximumCommandLength, idle.Token);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                await TryReplyAsync(stream, "421 4.4.2 " + options.HostName + " idle too long, closing", stopping);
                return;
            }

            if (read.Line == null)
            {
                return;
            }

            if (read.Overlong)
            {
                await ReplyAsync(stream, "500 5.5.2 Line too long", stopping);
                continue;
            }

            var line = Encoding.ASCII.GetString(read.Line);
            var space = line.IndexOf(' ');
            var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var argument = space < 0 ? "" : line[(space + 1)..].Trim();

            switch (verb)
            {
                case "EHLO":
                    clientName = argument.Length > 0 ? argument : "unknown";
                    ResetTransaction();
                    await ReplyAsync(stream,
                        "250-" + options.HostName + " greets " + clientName + "\r\n250-8BITMIME\r\n250-PIPELINING\r\n250-SIZE "
                        + options.MaximumMessageBytes + "\r\n250 ENHANCEDSTATUSCODES", stopping);
                    break;
                case "HELO":
                    clientName = argument.Length > 0 ? argument : "unknown";
                    ResetTransaction();
                    await ReplyAsync(stream, "250 " + options.HostName, stopping);
                    break;
                case "MAIL":
                    await ReplyAsync(stream, BeginTransaction(argument), stopping);
                    break;
                case "RCPT":
                    await ReplyAsync(stream, AddRecipient(argument), stopping);
                    break;
                case "DATA":
                    if (reversePath == null || recipients.Count == 0)
                    {
                        await ReplyAsync(stream, "503 5.5.1 MAIL and RCPT first", stopping);
                        break;
                    }

                    await ReplyAsync(stream, "354 End data with <CR><LF>.<CR><LF>", stopping);
                    var reply = await ReceiveContentAsync(reader, clientAddress, stopping);
                    if (reply == null)
                    {
                        logger.LogWarning("Connection from {Client} closed during DATA; nothing stored", clientAddress);
                        return;
                    }

                    await ReplyAsync(stream, reply, stopping);
                    break;
                case "RSET":
                    ResetTransaction();
                    await ReplyAsync(stream, "250 2.0.0 OK", stopping);
                    break;
                case "NOOP":
                    await ReplyAsync(stream, "250 2.0.0 OK", stopping);
                    break;
                case "VRFY":
                    await ReplyAsync(stream, "252 2.5.2 Cannot verify, send and see", stopping);
                    break;
                case "QUIT":
                    await ReplyAsync(stream, "221 2.0.0 " + options.HostName + " closing", stopping);
                    return;
                default:
                    await ReplyAsync(stream, "500 5.5.2 Command not recognised", stopping);
                    break;
            }
        }
    }

    private string BeginTransaction(string argument)
    {
        if (reversePath != null)
        {
            return "503 5.5.1 Nested MAIL command";
        }

        if (!TryParsePath(argument, "FROM:", out var path, out var parameters))
        {
            return "501 5.5.4 Syntax: MAIL FROM:<address>";
        }

        foreach (var parameter in parameters)
        {
            if (parameter.StartsWith("SIZE=", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(parameter.AsSpan(5), out var declared) && declared > options.MaximumMessageBytes)
            {
                return "552 5.3.4 Message size exceeds fixed limit";
            }
        }

        reversePath = path;
        return "250 2.1.0 OK";
    }

    private string AddRecipient(string argument)
    {
        if (reversePath == null)
        {
            return "503 5.5.1 MAIL first";
        }

        if (!TryParsePath(argument, "TO:", out var path, out _) || path.Length == 0)
        {
            return "501 5.5.4 Syntax: RCPT TO:<address>";
        }

        if (recipients.Count >= options.MaximumRecipients)
        {
            return "452 4.5.3 Too many recipients";
        }

        recipients.Add(path);
        return "250 2.1.5 OK";
    }

    /// <summary>Reads the message up to the lone "." (RFC 5321 section 4.1.1.4), removing dot-stuffing (4.5.2).</summary>
    private async Task<string?> ReceiveContentAsync(SmtpLineReader reader, string clientAddress, CancellationToken stopping)
    {
        using var content = new MemoryStream();
        var tooLarge = false;
        var lineTooLong = false;
        while (true)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            idle.CancelAfter(options.IdleTimeout);
            var (line, overlong) = await reader.ReadLineAsync(MaximumTextLineLength, idle.Token);
            if (line == null)
            {
                return null;
            }

            if (overlong)
            {
                lineTooLong = true;
                continue;
            }

            if (line.Length == 1 && line[0] == '.')
            {
                break;
            }

            var offset = line.Length > 0 && line[0] == '.' ? 1 : 0;
            if (content.Length + line.Length + 2 > options.MaximumMessageBytes)
            {
                tooLarge = true;
                continue;
            }

            content.Write(line, offset, line.Length - offset);
            content.Write("\r\n"u8);
        }

        try
        {
            if (tooLarge)
            {
                return "552 5.3.4 Message size exceeds fixed limit";
            }

            if (lineTooLong)
            {
                return "500 5.5.6 Message has a line longer than 998 octets (RFC 5322 section 2.1.1)";
            }

            var stored = folder.Store(reversePath!, recipients, clientName, clientAddress, options.HostName, content.ToArray(), DateTime.UtcNow);
            logger.LogInformation("Archived a message of {Bytes} bytes for {Count} recipient(s) as {File}",
                content.Length, recipients.Count, Path.GetFileName(stored.Path));
            accepted(stored);
            return "250 2.0.0 Stored as " + Path.GetFileNameWithoutExtension(stored.Path);
        }
        catch (IOException exception)
        {
            logger.LogError(exception, "Could not store a message");
            return "451 4.3.0 Could not store the message, try again later";
        }
        finally
        {
            ResetTransaction();
        }
    }

    private void ResetTransaction()
    {
        reversePath = null;
        recipients.Clear();
    }

    /// <summary>Parses "FROM:&lt;path&gt; [parameters]" (RFC 5321 section 4.1.2), tolerating a space after the colon.</summary>
    internal static bool TryParsePath(string argument, string keyword, out string path, out string[] parameters)
    {
        path = "";
        parameters = Array.Empty<string>();
        if (!argument.StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = argument[keyword.Length..].TrimStart();
        if (!rest.StartsWith('<'))
        {
            return false;
        }

        var close = rest.IndexOf('>');
        if (close < 0)
        {
            return false;
        }

        path = rest[1..close];
        parameters = rest[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return path.IndexOfAny(new[] { '\r', '\n', ' ' }) < 0;
    }

    private async Task ReplyAsync(Stream stream, string reply, CancellationToken cancellation)
    {
        var bytes = Encoding.ASCII.GetBytes(reply + "\r\n");
        await stream.WriteAsync(bytes, cancellation);
    }

    private async Task TryReplyAsync(Stream stream, string reply, CancellationToken cancellation)
    {
        try
        {
            await ReplyAsync(stream, reply, cancellation);
        }
        catch (IOException)
        {
        }
    }
}
