using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Attendance.LookupServer.Network;

/// <summary>Loads the certificate of the TLS listener from "Lookup:Tls" (PKCS#12, or PEM certificate and key).</summary>
public static class ServerCertificate
{
    /// <summary>
    /// The certificate with its private key. Throws <see cref="InvalidOperationException"/> naming the file and
    /// the cause (never the password) when it cannot be used, so a misconfigured server does not start at all
    /// rather than start in clear.
    /// </summary>
    public static X509Certificate2 Load(TlsOptions options)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = IsPem(options) ? LoadPem(options) : X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, Password(options));
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException("Lookup:Tls: the certificate " + options.CertificatePath + " could not be loaded: " + exception.Message, exception);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException("Lookup:Tls: " + options.CertificatePath + " has no private key (set Lookup:Tls:KeyPath for a PEM key file).");
        }

        return certificate;
    }

    private static bool IsPem(TlsOptions options)
    {
        if (options.KeyPath.Length > 0)
        {
            return true;
        }

        var extension = Path.GetExtension(options.CertificatePath).ToLowerInvariant();
        return extension is ".pem" or ".crt" or ".cer";
    }

    private static X509Certificate2 LoadPem(TlsOptions options)
    {
        var keyPath = options.KeyPath.Length > 0 ? options.KeyPath : null;
        using var pem = options.Password.Length > 0
            ? X509Certificate2.CreateFromEncryptedPemFile(options.CertificatePath, options.Password, keyPath)
            : X509Certificate2.CreateFromPemFile(options.CertificatePath, keyPath);

        // A PEM key is an ephemeral key, which Windows' TLS (SChannel) cannot use; a PKCS#12 round trip gives a
        // key every platform's SslStream accepts.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private static string? Password(TlsOptions options) => options.Password.Length > 0 ? options.Password : null;
}
