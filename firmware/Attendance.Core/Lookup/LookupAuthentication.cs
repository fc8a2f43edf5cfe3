using System.Text;
using Attendance.Core.Security;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// The terminal's proof of its key (docs/protocol.md, "Access control"):
    /// hex(HMAC-SHA256(key, nonce + "|" + terminalId)), lower case. The nonce is fresh per connection, so a
    /// recorded proof is useless on another connection.
    /// </summary>
    public static class LookupAuthentication
    {
        public static string ComputeProof(byte[] key, string nonce, string terminalId)
        {
            byte[] message = Encoding.UTF8.GetBytes(nonce + "|" + terminalId);
            return HexText.FromBytes(HmacSha256.Compute(key, message));
        }

        /// <summary>Checks a proof in time independent of where it differs.</summary>
        public static bool IsValidProof(byte[] key, string nonce, string terminalId, string proof)
        {
            byte[] expected = Encoding.UTF8.GetBytes(ComputeProof(key, nonce, terminalId));
            byte[] given = Encoding.UTF8.GetBytes(proof == null ? string.Empty : proof.ToLower());
            return HexText.FixedTimeEquals(expected, given);
        }
    }
}
