using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Attendance.Mail.Tests;

/// <summary>Starts smtp_peer.py (aiosmtpd) on a free loopback port with its own folder; stops it on dispose.</summary>
public sealed class SmtpPeer : IDisposable
{
    private readonly Process _process;

    private SmtpPeer(Process process, int port, string folder, string? thumbprint)
    {
        _process = process;
        Port = port;
        Folder = folder;
        Thumbprint = thumbprint;
    }

    public int Port { get; }

    public string Folder { get; }

    /// <summary>Thumbprint of the generated server certificate (null without TLS).</summary>
    public string? Thumbprint { get; }

    public static SmtpPeer Start(bool tls, string? user = null, string? password = null)
    {
        string folder = Directory.CreateTempSubdirectory("smtp-peer-").FullName;
        int port = FreePort();
        var arguments = new List<string> { Path.Combine(AppContext.BaseDirectory, "smtp_peer.py"), port.ToString(), folder };
        string? thumbprint = null;
        if (tls)
        {
            using RSA key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
            using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
            File.WriteAllText(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
            thumbprint = certificate.GetCertHashString();
            arguments.AddRange(["--cert", Path.Combine(folder, "cert.pem"), "--key", Path.Combine(folder, "key.pem")]);
        }

        if (user != null)
        {
            arguments.AddRange(["--user", user, "--password", password!]);
        }

        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start)!;
        Task<string?> ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(20)) || ready.Result != "READY")
        {
            process.Kill(true);
            throw new InvalidOperationException("smtp_peer.py did not start: " + process.StandardError.ReadToEnd());
        }

        return new SmtpPeer(process, port, folder, thumbprint);
    }

    /// <summary>Scripts the next transactions' misbehaviour (see smtp_peer.py).</summary>
    public void Control(params string[] actions) =>
        File.WriteAllText(Path.Combine(Folder, "control.txt"), string.Join("\n", actions) + "\n");

    public string[] Messages() =>
        Directory.GetFiles(Folder, "msg-*.eml").OrderBy(name => name, StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill(true);
            }
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(Folder, true);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
