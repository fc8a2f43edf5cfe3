using Attendance.Core.Hardware;

namespace Attendance.Core.Tests.Security
{
    [TestClass]
    public class TlsHandshakeErrorsTests
    {
        [TestMethod]
        [DataRow(-0x0050, (int)NetworkFailure.ConnectionLost)] // MBEDTLS_ERR_NET_CONN_RESET
        [DataRow(-0x004C, (int)NetworkFailure.ConnectionLost)] // MBEDTLS_ERR_NET_RECV_FAILED
        [DataRow(-0x004E, (int)NetworkFailure.ConnectionLost)] // MBEDTLS_ERR_NET_SEND_FAILED
        [DataRow(-0x7280, (int)NetworkFailure.ConnectionLost)] // MBEDTLS_ERR_SSL_CONN_EOF
        [DataRow(-0x7880, (int)NetworkFailure.ConnectionLost)] // MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY
        [DataRow(-0x6800, (int)NetworkFailure.Timeout)] // MBEDTLS_ERR_SSL_TIMEOUT
        [DataRow(10060, (int)NetworkFailure.Timeout)] // socket timed out
        [DataRow(10054, (int)NetworkFailure.ConnectionLost)] // connection reset
        [DataRow(10053, (int)NetworkFailure.ConnectionLost)] // connection aborted
        [DataRow(-0x2700, (int)NetworkFailure.TlsFailed)] // MBEDTLS_ERR_X509_CERT_VERIFY_FAILED (untrusted, wrong name)
        [DataRow(-0x2180, (int)NetworkFailure.TlsFailed)] // MBEDTLS_ERR_X509_INVALID_FORMAT
        [DataRow(-0x7780, (int)NetworkFailure.TlsFailed)] // MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE
        [DataRow(-0x7200, (int)NetworkFailure.TlsFailed)] // MBEDTLS_ERR_SSL_INVALID_RECORD (a peer without TLS)
        [DataRow(-0x6E00, (int)NetworkFailure.TlsFailed)] // MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION
        [DataRow(1, (int)NetworkFailure.ConnectionLost)] // unknown (a bare CLR_E_FAIL): transient
        [DataRow(0, (int)NetworkFailure.ConnectionLost)]
        public void Board_handshake_errors_are_cut_or_refused(int errorCode, int expected)
        {
            Assert.AreEqual(expected, (int)TlsHandshakeErrors.Classify(errorCode));
        }
    }
}
