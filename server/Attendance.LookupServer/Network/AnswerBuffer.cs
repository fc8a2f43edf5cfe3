using System.Text;

namespace Attendance.LookupServer.Network;

/// <summary>
/// The answers to one read's requests, encoded as UTF-8 lines straight into one reused array, sent in one
/// write: no byte array per answer.
/// </summary>
internal sealed class AnswerBuffer
{
    private byte[] _bytes = new byte[4096];

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => new(_bytes, 0, Length);

    /// <summary>Appends <paramref name="line"/> and CRLF.</summary>
    public void AppendLine(string line)
    {
        var most = Encoding.UTF8.GetMaxByteCount(line.Length) + 2;
        if (_bytes.Length - Length < most)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + most));
        }

        Length += Encoding.UTF8.GetBytes(line, _bytes.AsSpan(Length));
        _bytes[Length++] = (byte)'\r';
        _bytes[Length++] = (byte)'\n';
    }

    public void Clear() => Length = 0;
}
