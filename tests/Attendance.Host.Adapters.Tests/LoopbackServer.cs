using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Attendance.Host.Adapters.Tests;

/// <summary>
/// A one-connection loopback server: plain, TLS from the first byte, or plain until the client sends
/// "STARTTLS" (answered "GO") and TLS after. It echoes each line back upper-cased, and stays silent on "WAIT".
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _serving;

    public LoopbackServer(string mode)
    {
        _listener.Start();
        _serving = ServeAsync(mode);
    }

    public static X509Certificate2 Certificate { get; } = CreateCertificate();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static bool TrustTestCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate != null && certificate.GetCertHashString() == Certificate.GetCertHashString();

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private async Task ServeAsync(string mode)
    {
        using var client = await _listener.AcceptTcpClientAsync();
        Stream stream = client.GetStream();
        try
        {
            if (mode == "tls")
            {
                stream = await SecureAsync(stream);
            }

            var reader = new StreamReader(stream, Encoding.UTF8, false, 1, leaveOpen: true);
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line == "WAIT")
                {
                    continue;
                }

                await stream.WriteAsync(Encoding.UTF8.GetBytes((line == "STARTTLS" ? "GO" : line.ToUpperInvariant()) + "\r\n"));
                await stream.FlushAsync();
                if (line == "STARTTLS")
                {
                    stream = await SecureAsync(stream);
                    reader = new StreamReader(stream, Encoding.UTF8, false, 1, leaveOpen: true);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or System.Security.Authentication.AuthenticationException)
        {
            // the client gave up (TLS refused, connection closed): nothing to serve
        }
    }

    private static async Task<Stream> SecureAsync(Stream inner)
    {
        var tls = new SslStream(inner, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsServerAsync(Certificate);
        return tls;
    }
}
