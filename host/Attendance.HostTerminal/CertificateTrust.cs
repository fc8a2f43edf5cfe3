using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Attendance.HostTerminal;

/// <summary>
/// Certificate validation for the terminal's TLS connections when <c>tls.ca-file</c> names a PEM file: the
/// server's chain must end at one of its certificates (as on the board, whose CA store is deployed with nanoff),
/// and the name must match. Without the setting, the operating system's trust store decides.
/// </summary>
public static class CertificateTrust
{
    public static RemoteCertificateValidationCallback? FromCaFile(string caFile)
    {
        if (string.IsNullOrEmpty(caFile))
        {
            return null;
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        return (_, certificate, _, errors) =>
        {
            if (certificate == null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0
                || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        };
    }
}
