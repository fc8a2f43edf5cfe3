namespace Attendance.MailArchive;

/// <summary>
/// Reads CRLF-terminated lines (bare LF tolerated) off a stream as raw bytes, so message content in 8-bit
/// (RFC 6152) passes through untouched. Lines longer than the limit are consumed and reported as overlong
/// rather than buffered without bound.
/// </summary>
internal sealed class SmtpLineReader
{
    private readonly Stream stream;
    private readonly byte[] buffer = new byte[8192];
    private int start;
    private int end;

    public SmtpLineReader(Stream stream)
    {
        this.stream = stream;
    }

    /// <summary>
    /// The next line without its terminator, or null at end of stream. <paramref name="overlong"/> is true
    /// when the line exceeded <paramref name="maximumLength"/> octets (its content is then dropped).
    /// </summary>
    public async Task<(byte[]? Line, bool Overlong)> ReadLineAsync(int maximumLength, CancellationToken cancellation)
    {
        using var line = new MemoryStream();
        var overlong = false;
        while (true)
        {
            if (start == end)
            {
                start = 0;
                end = await stream.ReadAsync(buffer.AsMemory(0, buffer.Length), cancellation).ConfigureAwait(false);
                if (end == 0)
                {
                    return (null, false);
                }
            }

            var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            var take = (newline < 0 ? end : newline) - start;
            if (!overlong && line.Length + take <= maximumLength + 1)
            {
                line.Write(buffer, start, take);
            }
            else
            {
                overlong = true;
            }

            if (newline < 0)
            {
                start = end;
                continue;
            }

            start = newline + 1;
            var bytes = line.ToArray();
            var length = bytes.Length > 0 && bytes[^1] == '\r' ? bytes.Length - 1 : bytes.Length;
            if (overlong || length > maximumLength)
            {
                return (Array.Empty<byte>(), true);
            }

            return (length == bytes.Length ? bytes : bytes[..length], false);
        }
    }
}
