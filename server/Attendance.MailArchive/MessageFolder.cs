using System.Text;

namespace Attendance.MailArchive;

/// <summary>
/// Files accepted messages as .eml files: written to a temporary name, flushed, then renamed, so a reader
/// never sees half a message and a crash leaves no partial file under a final name.
/// </summary>
public sealed class MessageFolder
{
    private readonly string folder;

    /// <summary>Names the folder; it is created by <see cref="Create"/> when the archive starts, not here, so a
    /// disabled archive leaves no empty folder behind.</summary>
    public MessageFolder(string folder)
    {
        this.folder = System.IO.Path.GetFullPath(folder);
    }

    /// <summary>Creates the folder if missing (called when the listener starts).</summary>
    public void Create() => Directory.CreateDirectory(folder);

    public string Path => folder;

    /// <summary>Stores one message, prefixed with the trace headers of RFC 5321 section 4.4.</summary>
    public ArchivedMessage Store(string reversePath, IReadOnlyList<string> recipients, string clientName, string clientAddress,
        string hostName, byte[] content, DateTime receivedUtc)
    {
        var name = receivedUtc.ToString("yyyyMMdd'T'HHmmssfff'Z'") + "-" + Guid.NewGuid().ToString("N")[..8] + ".eml";
        var finalPath = System.IO.Path.Combine(folder, name);
        var temporaryPath = finalPath + ".partial";

        var trace = new StringBuilder();
        trace.Append("Return-Path: <").Append(reversePath).Append(">\r\n");
        trace.Append("Received: from ").Append(clientName).Append(" ([").Append(clientAddress).Append("])\r\n")
            .Append("\tby ").Append(hostName).Append(" with ESMTP; ")
            .Append(receivedUtc.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n");
        trace.Append("X-Archive-Recipients: ").Append(string.Join(", ", recipients)).Append("\r\n");

        using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write))
        {
            var traceBytes = Encoding.UTF8.GetBytes(trace.ToString());
            stream.Write(traceBytes);
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporaryPath, finalPath);
        return new ArchivedMessage(finalPath, reversePath, recipients.ToArray(), receivedUtc);
    }

    /// <summary>Archived messages, oldest first.</summary>
    public IReadOnlyList<string> List() =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.eml").Order(StringComparer.Ordinal).ToArray() : Array.Empty<string>();
}
