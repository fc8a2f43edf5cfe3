using System.Text;

namespace Attendance.Core.Configuration
{
    /// <summary>
    /// What settings a lookup server may give a terminal, and how they meet the local <c>terminal.config</c>.
    /// <para>
    /// The server may set only <see cref="ServerKeys"/>: never what the terminal needs to reach the server and
    /// prove who it is (network, <c>lookup.host</c>, <c>lookup.port</c>, <c>lookup.security</c>, <c>terminal.id</c>,
    /// <c>terminal.key</c>, <c>tls.ca-file</c>), nor the board's wiring (board, pins, UART): a wrong value there
    /// would cut the terminal off from the server that could fix it. A key set in the local file wins over the
    /// server's. The server's values go through the same <see cref="SettingsParser"/> as the local file (applied after
    /// it, then checked together), so a set the file would refuse is refused here, with the parser's reason.
    /// </para>
    /// </summary>
    public static class ServerSettings
    {
        /// <summary>Keys a server may set (also the keys the portal offers).</summary>
        public static readonly string[] ServerKeys = new string[]
        {
            "smtp.host", "smtp.port", "smtp.security", "smtp.user", "smtp.password", "smtp.allow-auth-without-tls",
            "smtp.timeout-ms", "smtp.protocol-log", "mail.from", "mail.cc", "mail.retry-first-seconds", "mail.retry-max-seconds",
            "language", "time.utc-offset-minutes", "time.sntp-servers",
            "lookup.timeout-ms", "lookup.late-grace-minutes",
            "card.baud", "card.suffix", "card.min-length", "card.max-length",
            "roll.capacity", "roll.auto-close-minutes",
        };

        /// <summary>Most lines one set may have: every server key once.</summary>
        public static int MaximumLines
        {
            get { return ServerKeys.Length; }
        }

        /// <summary>Longest value, in characters, so that a CONFIGURACAO answer stays within the protocol's 512 bytes.</summary>
        public const int MaximumValueLength = 300;

        public static bool IsServerKey(string key)
        {
            for (int i = 0; i < ServerKeys.Length; i++)
            {
                if (ServerKeys[i] == key)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Checks <paramref name="set"/> against the local file's text and returns the settings the terminal would
        /// run with: the local file, plus each server value whose key the file does not set. Throws
        /// <see cref="SettingsException"/> with the reason (naming the server's key, never a secret's value) when the
        /// set holds a key the server may not set, a key twice, a value with a line break or over
        /// <see cref="MaximumValueLength"/>, or a value the parser refuses alone or together with the file.
        /// </summary>
        public static TerminalSettings Check(string localText, ServerSettingsSet set)
        {
            return Check(localText, set, true);
        }

        /// <summary>As <see cref="Check(string, ServerSettingsSet)"/>; <paramref name="requireMail"/> as in <see cref="SettingsParser.Parse(string, bool)"/>.</summary>
        public static TerminalSettings Check(string localText, ServerSettingsSet set, bool requireMail)
        {
            if (set == null || set.Count == 0)
            {
                return SettingsParser.Parse(localText, requireMail);
            }

            CheckShape(set);
            try
            {
                return SettingsParser.Parse(localText, set.Keys, set.Values, requireMail);
            }
            catch (SettingsException exception)
            {
                // Errors of a server value name its key (no line); the version says which set was refused.
                throw new SettingsException(0, exception.Key, "with the server's settings version " + set.Version + ": " + exception.Message);
            }
        }

        /// <summary>The rules of the set itself: server keys only, each once, values on one line and short enough.</summary>
        private static void CheckShape(ServerSettingsSet set)
        {
            if (set.Count > MaximumLines)
            {
                throw new SettingsException(0, "", "the server's set has " + set.Count.ToString() + " lines; at most " + MaximumLines.ToString() + " are allowed");
            }

            for (int i = 0; i < set.Count; i++)
            {
                string key = set.Keys[i] == null ? "" : set.Keys[i];
                string value = set.Values[i];
                if (!IsServerKey(key))
                {
                    throw new SettingsException(0, key, "the server may not set '" + key + "' (only " + ServerKeyList() + ")");
                }

                for (int earlier = 0; earlier < i; earlier++)
                {
                    if (set.Keys[earlier] == key)
                    {
                        throw new SettingsException(0, key, "the server's set has '" + key + "' twice");
                    }
                }

                if (value == null || value.IndexOf('\n') >= 0 || value.IndexOf('\r') >= 0)
                {
                    throw new SettingsException(0, key, "the server's value of '" + key + "' has a line break");
                }

                if (value.Length > MaximumValueLength)
                {
                    throw new SettingsException(0, key, "the server's value of '" + key + "' is longer than " + MaximumValueLength.ToString() + " characters");
                }
            }
        }

        /// <summary>True when both sets hold the same keys with the same values in the same order (versions aside).</summary>
        public static bool SameContent(ServerSettingsSet first, ServerSettingsSet second)
        {
            int firstCount = first == null ? 0 : first.Count;
            int secondCount = second == null ? 0 : second.Count;
            if (firstCount != secondCount)
            {
                return false;
            }

            for (int i = 0; i < firstCount; i++)
            {
                if (first.Keys[i] != second.Keys[i] || first.Values[i] != second.Values[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static string ServerKeyList()
        {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < ServerKeys.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(", ");
                }

                text.Append(ServerKeys[i]);
            }

            return text.ToString();
        }
    }
}
