using System.Net.Sockets;
using System.Text;
using Attendance.Core.Lookup;
using Attendance.Core.Security;

namespace Attendance.LookupServer.Tests;

/// <summary>A plain test client: raw lines over a real TCP connection, with a timeout on every read.</summary>
public sealed class LineClient : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private LineClient(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new StreamReader(_stream, new UTF8Encoding(false));
    }

    public static async Task<LineClient> ConnectAsync(int port) => await ConnectAsync(port, from: null);

    /// <summary>
    /// Connects from <paramref name="from"/> (any of 127.0.0.0/8 on Linux, all loopback), so a test can play
    /// clients of several addresses; null lets the system choose (127.0.0.1).
    /// </summary>
    public static async Task<LineClient> ConnectAsync(int port, string? from, int receiveBufferBytes = 0)
    {
        var client = from == null
            ? new TcpClient { NoDelay = true }
            : new TcpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(from), 0)) { NoDelay = true };
        if (receiveBufferBytes > 0)
        {
            client.ReceiveBufferSize = receiveBufferBytes;
        }

        await client.ConnectAsync("127.0.0.1", port);
        return new LineClient(client);
    }

    /// <summary>Connects, reads the greeting and authenticates as the demo terminal.</summary>
    public static async Task<LineClient> ConnectAuthenticatedAsync(int port, string? from = null)
    {
        var client = await ConnectAsync(port, from);
        var answer = await client.AuthenticateAsync(TestData.TerminalId, TestData.TerminalKeyHex);
        Assert.AreEqual("OK", answer);
        return client;
    }

    /// <summary>Reads the greeting, sends the proof for <paramref name="keyHex"/> and returns the answer.</summary>
    public async Task<string?> AuthenticateAsync(string terminalId, string keyHex)
    {
        var greeting = await ReadLineAsync();
        var fields = LookupFieldCodec.Split(greeting);
        Assert.AreEqual("OLA", fields[0]);
        var proof = LookupAuthentication.ComputeProof(HexText.ToBytes(keyHex), fields[2], terminalId);
        await SendAsync("AUTENTICAR|" + terminalId + "|" + proof);
        return await ReadLineAsync();
    }

    public async Task SendAsync(params string[] lines)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(lines.Select(line => line + "\r\n")));
        await SendBytesAsync(bytes);
    }

    public async Task SendBytesAsync(byte[] bytes, CancellationToken cancellationToken = default)
    {
        await _stream.WriteAsync(bytes, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    /// <summary>Pipelines all requests in one write, then reads one answer per request.</summary>
    public async Task<string[]> AskAsync(params string[] requests)
    {
        await SendAsync(requests);
        var answers = new string[requests.Length];
        for (var i = 0; i < requests.Length; i++)
        {
            answers[i] = await ReadLineAsync() ?? throw new AssertFailedException("connection closed after " + i + " answers");
        }

        return answers;
    }

    /// <summary>Next line, or null when the server closed the connection.</summary>
    public async Task<string?> ReadLineAsync(int timeoutMilliseconds = 15_000)
    {
        using var timeout = new CancellationTokenSource(timeoutMilliseconds);
        try
        {
            return await _reader.ReadLineAsync(timeout.Token);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
