using System;
using System.Text;
using Attendance.Core.Security;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// The server's proofs of its key over what it tells a terminal (docs/protocol.md, "Time and settings from the
    /// server"): HORA's time and settings version, and each CONFIGURACAO line. Each is hex(HMAC-SHA256(key, text)),
    /// lower case, where the text starts with the command's name and holds the server's greeting nonce and the
    /// terminal's nonce, so that:
    /// <list type="bullet">
    /// <item>nobody without the terminal's key can make one (forged time or settings are refused);</item>
    /// <item>an answer recorded on another connection does not verify (the terminal's nonce is fresh per
    /// connection and unpredictable: replayed time or settings are refused);</item>
    /// <item>it cannot be taken for the terminal's own AUTENTICAR proof, HMAC(key, nonce|id), or that one for it:
    /// the terminal signs only a greeting nonce of hex digits (<see cref="IsUsableNonce"/>), which never starts
    /// with a command name and a '|'.</item>
    /// </list>
    /// The server computes the same text with the same code (it references Core), so the two sides cannot drift.
    /// </summary>
    public static class ServerProof
    {
        /// <summary>Ticks of 1970-01-01T00:00:00Z; HORA carries milliseconds since then.</summary>
        public static readonly long UnixEpochTicks = new DateTime(1970, 1, 1).Ticks;

        /// <summary>Shortest and longest greeting or terminal nonce the proofs accept, in hex digits.</summary>
        public const int MinimumNonceLength = 16;

        public const int MaximumNonceLength = 64;

        /// <summary>
        /// The text HORA's proof covers: HORA|server nonce|terminal nonce|unix ms|settings version|line count (all
        /// decimal digits but the nonces, which are hex digits, so the text reads one way only).
        /// </summary>
        public static string TimeText(string serverNonce, string terminalNonce, string unixMilliseconds, string settingsVersion, string lineCount)
        {
            return LookupProtocol.ServerTime + "|" + serverNonce + "|" + terminalNonce + "|" + unixMilliseconds + "|" + settingsVersion + "|" + lineCount;
        }

        /// <summary>
        /// The text a CONFIGURACAO line's proof covers: CONFIGURACAO|server nonce|terminal nonce|version|count|index|
        /// key|value. The count binds the set's size, so a line left out or added is noticed; the index binds its place.
        /// </summary>
        public static string SettingsLineText(string serverNonce, string terminalNonce, string version, string count, string index, string key, string value)
        {
            return LookupProtocol.Settings + "|" + serverNonce + "|" + terminalNonce + "|" + version + "|" + count + "|" + index
                + "|" + Escaped(key) + "|" + Escaped(value);
        }

        public static string Compute(byte[] key, string text)
        {
            return HexText.FromBytes(HmacSha256.Compute(key, Encoding.UTF8.GetBytes(text)));
        }

        /// <summary>Checks a proof in time independent of where it differs.</summary>
        public static bool IsValid(byte[] key, string text, string proof)
        {
            byte[] expected = Encoding.UTF8.GetBytes(Compute(key, text));
            byte[] given = Encoding.UTF8.GetBytes(proof == null ? string.Empty : proof.ToLower());
            return HexText.FixedTimeEquals(expected, given);
        }

        /// <summary>
        /// True for a nonce the proofs accept: 16 to 64 lower- or upper-case hex digits (the server's greeting sends 32).
        /// </summary>
        public static bool IsUsableNonce(string nonce)
        {
            if (nonce == null || nonce.Length < MinimumNonceLength || nonce.Length > MaximumNonceLength)
            {
                return false;
            }

            for (int i = 0; i < nonce.Length; i++)
            {
                char c = nonce[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Milliseconds since 1970 as HORA writes them (decimal digits, no sign).</summary>
        public static string FormatUnixMilliseconds(DateTime utc)
        {
            return ((utc.Ticks - UnixEpochTicks) / TimeSpan.TicksPerMillisecond).ToString();
        }

        /// <summary>HORA's time field back to a UTC time; false unless it is 1 to 14 decimal digits (up to the year 5138).</summary>
        public static bool TryParseUnixMilliseconds(string text, out DateTime utc)
        {
            utc = DateTime.MinValue;
            if (text == null || text.Length == 0 || text.Length > 14)
            {
                return false;
            }

            long value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            utc = new DateTime(UnixEpochTicks + (value * TimeSpan.TicksPerMillisecond));
            return true;
        }

        /// <summary>
        /// A key or value inside the proof's text: '|' and '\' escaped as on the wire, so that no two different
        /// (key, value) pairs give the same text.
        /// </summary>
        private static string Escaped(string value)
        {
            if (value.IndexOf('|') < 0 && value.IndexOf('\\') < 0)
            {
                return value;
            }

            StringBuilder text = new StringBuilder();
            LookupFieldCodec.AppendEscaped(text, value);
            return text.ToString();
        }
    }
}
