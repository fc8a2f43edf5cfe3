using System.Collections;
using System.Text;
using Attendance.Core.Cards;
using Attendance.Core.Hardware;
using Attendance.Core.Mail.Message;
using Attendance.Core.Mail.Smtp;

namespace Attendance.Core.Configuration
{
    /// <summary>
    /// Reads <c>terminal.config</c>: UTF-8 text, one <c>key = value</c> per line, blank lines and lines starting
    /// with <c>#</c> ignored. A value runs to the end of its line and is trimmed, so it may contain <c>#</c> and
    /// <c>=</c> (passwords do). Unknown keys, repeated keys and bad values are errors that name the line, because a
    /// misspelt key silently falling back to a default would send mail to the wrong place.
    /// </summary>
    public static class SettingsParser
    {
        /// <summary>Every key the file may hold, in the order <see cref="TerminalSettings.ToLogString"/> prints them.</summary>
        public static readonly string[] Keys = new string[]
        {
            "terminal.id", "terminal.key", "board",
            "lookup.host", "lookup.port", "lookup.security", "lookup.timeout-ms", "lookup.late-grace-minutes",
            "smtp.host", "smtp.port", "smtp.security", "smtp.user", "smtp.password", "smtp.allow-auth-without-tls",
            "smtp.timeout-ms", "smtp.protocol-log", "mail.from", "mail.cc", "mail.retry-first-seconds", "mail.retry-max-seconds", "language", "time.utc-offset-minutes", "time.sntp-servers",
            "card.port", "card.rx-pin", "card.tx-pin", "card.baud", "card.suffix", "card.min-length", "card.max-length",
            "roll.capacity", "roll.auto-close-minutes",
            "led.red-pin", "led.green-pin", "led.active-high",
            "wifi.ssid", "wifi.key",
            "network.mode", "network.address", "network.mask", "network.gateway", "network.dns",
            "tls.ca-file",
            "health.interval-seconds",
        };

        /// <summary>Keys whose values are never printed, not even in error messages.</summary>
        public static readonly string[] SecretKeys = new string[] { "terminal.key", "smtp.password", "wifi.key" };

        /// <summary>Board profiles the device application knows (see firmware/Attendance.Terminal/Boards).</summary>
        public static readonly string[] BoardNames = new string[] { "esp32-devkit-wifi", "esp32-poe-ethernet", "esp32-ethernet-kit", "stm32f769i-ethernet", "pc" };

        /// <summary>True for the ESP32 board profiles (their names start with "esp32").</summary>
        public static bool IsEsp32Board(string board)
        {
            return board.StartsWith("esp32");
        }

        /// <summary>Parses UTF-8 bytes (a leading byte order mark is allowed).</summary>
        public static TerminalSettings Parse(byte[] utf8)
        {
            if (utf8 == null)
            {
                throw new SettingsException(0, "", "the configuration file is missing");
            }

            return Parse(Encoding.UTF8.GetString(utf8, 0, utf8.Length));
        }

        /// <summary>Parses configuration text; throws <see cref="SettingsException"/> naming the first bad line.</summary>
        public static TerminalSettings Parse(string text)
        {
            return Parse(text, true);
        }

        /// <summary>
        /// Parses configuration text; with <paramref name="requireMail"/> false, <c>smtp.host</c> and <c>mail.from</c>
        /// may be missing, because the lookup server may give them (<see cref="ServerSettings"/>): the terminal reads
        /// its local file this way to reach the server, and the combined settings with both required.
        /// </summary>
        public static TerminalSettings Parse(string text, bool requireMail)
        {
            return Parse(text, null, null, requireMail);
        }

        /// <summary>
        /// Parses the local configuration <paramref name="text"/>, then applies each of
        /// <paramref name="overlayKeys"/> (exact lower-case keys) with its value from <paramref name="overlayValues"/>
        /// when the text does not set that key, with the same value rules, then checks the whole together. Errors of an
        /// overlay value name its key, not a line (<see cref="SettingsException.LineNumber"/> 0). The lookup server's
        /// settings come this way (<see cref="ServerSettings.Check(string, ServerSettingsSet, bool)"/>), without a
        /// combined text: on the board, building and splitting a longer text cost more heap than the settings themselves.
        /// </summary>
        public static TerminalSettings Parse(string text, string[] overlayKeys, string[] overlayValues, bool requireMail)
        {
            var settings = new TerminalSettings();
            var lineOfKey = new Hashtable();

            // One native pass: on the board a string is UTF-8, and IndexOf(c, start) and Substring count the whole
            // text from its start on every call, so a line-by-line walk of the file was quadratic in its size.
            string[] lines = text.Split('\n');
            for (int index = 0; index < lines.Length; index++)
            {
                int lineNumber = index + 1;
                string line = lines[index];
                if (lineNumber == 1 && line.Length > 0 && line[0] == '\uFEFF')
                {
                    line = line.Substring(1);
                }

                ParseLine(settings, lineOfKey, line, lineNumber);
            }

            if (overlayKeys != null)
            {
                for (int index = 0; index < overlayKeys.Length; index++)
                {
                    string key = overlayKeys[index];
                    if (lineOfKey.Contains(key))
                    {
                        continue;
                    }

                    if (!IsKnownKey(key))
                    {
                        throw new SettingsException(0, key, "unknown key '" + key + "'");
                    }

                    // Line 0: the key was not in the file; errors name the key alone.
                    lineOfKey.Add(key, 0);
                    Apply(settings, key, overlayValues[index].Trim(), 0);
                }
            }

            Validate(settings, lineOfKey, requireMail);
            return settings;
        }

        /// <summary>True for keys whose values must never be shown.</summary>
        public static bool IsSecret(string key)
        {
            for (int index = 0; index < SecretKeys.Length; index++)
            {
                if (SecretKeys[index] == key)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The value of <paramref name="key"/> as text for a log: secrets are redacted.</summary>
        public static string DescribeValue(TerminalSettings settings, string key)
        {
            if (IsSecret(key))
            {
                string secret = key == "terminal.key" ? settings.TerminalKey : key == "smtp.password" ? settings.SmtpPassword : settings.WifiKey;
                return secret.Length == 0 ? "(empty)" : TerminalSettings.RedactedText;
            }

            switch (key)
            {
                case "terminal.id": return settings.TerminalId;
                case "board": return settings.Board;
                case "lookup.host": return settings.LookupHost;
                case "lookup.port": return settings.LookupPort.ToString();
                case "lookup.security": return LookupSecurityName(settings.LookupSecurity);
                case "lookup.timeout-ms": return settings.LookupTimeoutMilliseconds.ToString();
                case "lookup.late-grace-minutes": return settings.LateGraceMinutes.ToString();
                case "smtp.host": return settings.SmtpHost;
                case "smtp.port": return settings.SmtpPort.ToString();
                case "smtp.security": return SecurityName(settings.SmtpSecurity);
                case "smtp.user": return settings.SmtpUser;
                case "smtp.allow-auth-without-tls": return BooleanName(settings.SmtpAllowAuthenticationWithoutTls);
                case "smtp.timeout-ms": return settings.SmtpTimeoutMilliseconds.ToString();
                case "smtp.protocol-log": return BooleanName(settings.SmtpProtocolLog);
                case "mail.retry-first-seconds": return settings.MailRetryFirstSeconds.ToString();
                case "mail.retry-max-seconds": return settings.MailRetryMaximumSeconds.ToString();
                case "health.interval-seconds": return settings.HealthIntervalSeconds.ToString();
                case "mail.from": return settings.MailFrom;
                case "mail.cc": return JoinList(settings.MailCc);
                case "language": return settings.Language == MessageLanguage.English ? "en" : "pt";
                case "time.utc-offset-minutes": return settings.UtcOffsetMinutes.ToString();
                case "time.sntp-servers": return JoinList(settings.SntpServers);
                case "card.port": return settings.CardReaderPortName;
                case "card.rx-pin": return settings.CardReaderReceivePin.ToString();
                case "card.tx-pin": return settings.CardReaderTransmitPin.ToString();
                case "card.baud": return settings.CardReaderBaudRate.ToString();
                case "card.suffix": return SuffixName(settings.CardCodeSuffix);
                case "card.min-length": return settings.CardCodeMinimumLength.ToString();
                case "card.max-length": return settings.CardCodeMaximumLength.ToString();
                case "roll.capacity": return settings.RollCapacity.ToString();
                case "roll.auto-close-minutes": return settings.RollAutoCloseMinutes.ToString();
                case "led.red-pin": return settings.RedLedPin.ToString();
                case "led.green-pin": return settings.GreenLedPin.ToString();
                case "led.active-high": return BooleanName(settings.LedActiveHigh);
                case "wifi.ssid": return settings.WifiSsid;
                case "network.mode": return settings.NetworkMode == NetworkMode.Static ? "static" : "dhcp";
                case "network.address": return settings.NetworkAddress;
                case "network.mask": return settings.NetworkMask;
                case "network.gateway": return settings.NetworkGateway;
                case "network.dns": return JoinList(settings.NetworkDns);
                case "tls.ca-file": return settings.TlsCaCertificateFile;
                default: return "";
            }
        }

        private static void ParseLine(TerminalSettings settings, Hashtable lineOfKey, string rawLine, int lineNumber)
        {
            string line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                return;
            }

            if (line.IndexOf('\uFFFD') >= 0)
            {
                throw new SettingsException(lineNumber, "", "the text is not valid UTF-8 (save the file as UTF-8)");
            }

            int equals = line.IndexOf('=');
            if (equals < 0)
            {
                throw new SettingsException(lineNumber, "", "expected 'key = value' (or a # comment)");
            }

            string key = line.Substring(0, equals).Trim().ToLower();
            string value = line.Substring(equals + 1).Trim();
            if (key.Length == 0)
            {
                throw new SettingsException(lineNumber, "", "the line has a value but no key before '='");
            }

            if (!IsKnownKey(key))
            {
                throw new SettingsException(lineNumber, key, "unknown key '" + key + "'" + Suggestion(key));
            }

            if (lineOfKey.Contains(key))
            {
                throw new SettingsException(lineNumber, key, "'" + key + "' is already set on line " + ((int)lineOfKey[key]).ToString());
            }

            lineOfKey.Add(key, lineNumber);
            Apply(settings, key, value, lineNumber);
        }

        private static void Apply(TerminalSettings settings, string key, string value, int lineNumber)
        {
            switch (key)
            {
                case "terminal.id": settings.TerminalId = RequireText(key, value, lineNumber); break;
                case "terminal.key": settings.TerminalKey = value; break;
                case "board": settings.Board = ParseChoice(key, value.ToLower(), BoardNames, lineNumber); break;
                case "lookup.host": ParseLookupHosts(settings, key, value, lineNumber); break;
                case "lookup.port": settings.LookupPort = ParseNumber(key, value, 1, 65535, lineNumber); break;
                case "lookup.security": settings.LookupSecurity = ParseLookupSecurity(key, value, lineNumber); break;
                case "lookup.timeout-ms": settings.LookupTimeoutMilliseconds = ParseNumber(key, value, 100, 600000, lineNumber); break;
                case "lookup.late-grace-minutes": settings.LateGraceMinutes = ParseNumber(key, value, 0, 240, lineNumber); break;
                case "smtp.host": settings.SmtpHost = value; break;
                case "smtp.port": settings.SmtpPort = ParseNumber(key, value, 1, 65535, lineNumber); break;
                case "smtp.security": settings.SmtpSecurity = ParseSecurity(key, value, lineNumber); break;
                case "smtp.user": settings.SmtpUser = value; break;
                case "smtp.password": settings.SmtpPassword = value; break;
                case "smtp.allow-auth-without-tls": settings.SmtpAllowAuthenticationWithoutTls = ParseBoolean(key, value, lineNumber); break;
                case "smtp.timeout-ms": settings.SmtpTimeoutMilliseconds = ParseNumber(key, value, 0, 600000, lineNumber); break;
                case "smtp.protocol-log": settings.SmtpProtocolLog = ParseBoolean(key, value, lineNumber); break;
                case "mail.retry-first-seconds": settings.MailRetryFirstSeconds = ParseNumber(key, value, 1, 86400, lineNumber); break;
                // 0 turns the heartbeat off; below 10 s it would only load the server (docs/protocol.md, "Terminal health").
                case "health.interval-seconds": settings.HealthIntervalSeconds = value == "0" ? 0 : ParseNumber(key, value, 10, 86400, lineNumber); break;
                case "mail.retry-max-seconds": settings.MailRetryMaximumSeconds = ParseNumber(key, value, 1, 86400, lineNumber); break;
                case "mail.from": settings.MailFrom = ParseAddress(key, value, lineNumber); break;
                case "mail.cc": settings.MailCc = ParseAddressList(key, value, lineNumber); break;
                case "language": settings.Language = ParseLanguage(key, value, lineNumber); break;
                case "time.utc-offset-minutes": settings.UtcOffsetMinutes = ParseNumber(key, value, -720, 840, lineNumber); break;
                case "time.sntp-servers": settings.SntpServers = ParseList(value); break;
                case "card.port": settings.CardReaderPortName = ParsePortName(key, value, lineNumber); break;
                case "card.rx-pin": settings.CardReaderReceivePin = ParseNumber(key, value, -1, 255, lineNumber); break;
                case "card.tx-pin": settings.CardReaderTransmitPin = ParseNumber(key, value, -1, 255, lineNumber); break;
                case "card.baud": settings.CardReaderBaudRate = ParseNumber(key, value, 300, 921600, lineNumber); break;
                case "card.suffix": settings.CardCodeSuffix = ParseSuffix(key, value, lineNumber); break;
                case "card.min-length": settings.CardCodeMinimumLength = ParseNumber(key, value, 1, 128, lineNumber); break;
                case "card.max-length": settings.CardCodeMaximumLength = ParseNumber(key, value, 1, 128, lineNumber); break;
                case "roll.capacity": settings.RollCapacity = ParseNumber(key, value, 1, 2000, lineNumber); break;
                case "roll.auto-close-minutes": settings.RollAutoCloseMinutes = ParseNumber(key, value, 0, 1440, lineNumber); break;
                case "led.red-pin": settings.RedLedPin = ParseNumber(key, value, -1, 255, lineNumber); break;
                case "led.green-pin": settings.GreenLedPin = ParseNumber(key, value, -1, 255, lineNumber); break;
                case "led.active-high": settings.LedActiveHigh = ParseBoolean(key, value, lineNumber); break;
                case "wifi.ssid": settings.WifiSsid = value; break;
                case "wifi.key": settings.WifiKey = value; break;
                case "network.mode": settings.NetworkMode = ParseNetworkMode(key, value, lineNumber); break;
                case "network.address": settings.NetworkAddress = ParseAddressV4(key, value, lineNumber); break;
                case "network.mask": settings.NetworkMask = ParseAddressV4(key, value, lineNumber); break;
                case "network.gateway": settings.NetworkGateway = ParseAddressV4(key, value, lineNumber); break;
                case "network.dns": settings.NetworkDns = ParseAddressV4List(key, value, lineNumber); break;
                case "tls.ca-file": settings.TlsCaCertificateFile = value; break;
            }
        }

        /// <summary>Checks that need several settings together; errors point at the line of the key to fix.</summary>
        private static void Validate(TerminalSettings settings, Hashtable lineOfKey, bool requireMail)
        {
            RequireSet(lineOfKey, "lookup.host", settings.LookupHost);
            if (requireMail)
            {
                RequireSet(lineOfKey, "smtp.host", settings.SmtpHost);
                RequireSet(lineOfKey, "mail.from", settings.MailFrom);
            }

            if (settings.CardCodeMinimumLength > settings.CardCodeMaximumLength)
            {
                throw new SettingsException(LineOf(lineOfKey, "card.min-length"), "card.min-length",
                    "card.min-length (" + settings.CardCodeMinimumLength.ToString() + ") is greater than card.max-length ("
                    + settings.CardCodeMaximumLength.ToString() + ")");
            }

            if (settings.SmtpUser.Length > 0 && settings.SmtpPassword.Length == 0)
            {
                throw new SettingsException(LineOf(lineOfKey, "smtp.user"), "smtp.password", "smtp.user is set but smtp.password is empty");
            }

            if (settings.SmtpUser.Length > 0 && settings.SmtpSecurity == SmtpSecurity.None && !settings.SmtpAllowAuthenticationWithoutTls)
            {
                throw new SettingsException(LineOf(lineOfKey, "smtp.security"), "smtp.security",
                    "smtp.user is set but smtp.security is none: the password would cross the network in clear text; "
                    + "use starttls or tls, or set smtp.allow-auth-without-tls = true for a trusted relay");
            }

            if (settings.NetworkMode == NetworkMode.Static)
            {
                RequireSet(lineOfKey, "network.address", settings.NetworkAddress);
                RequireSet(lineOfKey, "network.mask", settings.NetworkMask);
                RequireSet(lineOfKey, "network.gateway", settings.NetworkGateway);
                if (settings.NetworkDns.Length == 0)
                {
                    throw new SettingsException(LineOf(lineOfKey, "network.mode"), "network.dns", "network.mode is static but network.dns is empty");
                }
            }

            if (settings.Board == "esp32-devkit-wifi")
            {
                RequireSet(lineOfKey, "wifi.ssid", settings.WifiSsid);
            }

            // The ESP32 has three UARTs, COM1..COM3 (nf-interpreter maps COMn to UART n-1). COM1 is UART0, the debug and
            // deployment port of nanoff and Visual Studio: the runtime refuses to open it while the wire protocol uses
            // it, and a reader there would garble deployments. Caught here, at start-up, with the line to fix.
            if (IsEsp32Board(settings.Board) && settings.CardReaderPortName.Length > 0
                && settings.CardReaderPortName != "COM2" && settings.CardReaderPortName != "COM3")
            {
                throw new SettingsException(LineOf(lineOfKey, "card.port"), "card.port",
                    "card.port = " + settings.CardReaderPortName + " cannot be used on an ESP32 board: "
                    + (settings.CardReaderPortName == "COM1"
                        ? "COM1 is UART0, the ESP32's debug and deployment port (nanoff, Visual Studio)"
                        : "the ESP32 has COM1 to COM3 only, and COM1 is its debug and deployment port")
                    + "; use COM2 or COM3, or leave card.port empty for the board profile's port");
            }
        }

        private static void RequireSet(Hashtable lineOfKey, string key, string value)
        {
            if (value.Length == 0)
            {
                int line = LineOf(lineOfKey, key);
                throw new SettingsException(line, key, line > 0 ? key + " is empty" : "missing required setting '" + key + "'");
            }
        }

        private static int LineOf(Hashtable lineOfKey, string key)
        {
            return lineOfKey.Contains(key) ? (int)lineOfKey[key] : 0;
        }

        private static bool IsKnownKey(string key)
        {
            for (int index = 0; index < Keys.Length; index++)
            {
                if (Keys[index] == key)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Points at the known key with the same section, to help with typos such as <c>smtp.pasword</c>.</summary>
        private static string Suggestion(string key)
        {
            int dot = key.IndexOf('.');
            if (dot <= 0)
            {
                return "";
            }

            string section = key.Substring(0, dot + 1);
            var known = new StringBuilder();
            for (int index = 0; index < Keys.Length; index++)
            {
                if (Keys[index].StartsWith(section))
                {
                    known.Append(known.Length == 0 ? "; known " + section + "* keys: " : ", ");
                    known.Append(Keys[index]);
                }
            }

            return known.ToString();
        }

        private static string Shown(string key, string value)
        {
            return IsSecret(key) ? "" : " (got '" + value + "')";
        }

        private static string RequireText(string key, string value, int lineNumber)
        {
            if (value.Length == 0)
            {
                throw new SettingsException(lineNumber, key, key + " must not be empty");
            }

            return value;
        }

        /// <summary>Parses an optionally signed decimal integer of at most nine digits (no overflow possible).</summary>
        public static bool TryParseNumber(string text, out int result)
        {
            result = 0;
            int index = 0;
            bool negative = false;
            if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
            {
                negative = text[0] == '-';
                index = 1;
            }

            if (index >= text.Length || text.Length - index > 9)
            {
                return false;
            }

            for (; index < text.Length; index++)
            {
                char digit = text[index];
                if (digit < '0' || digit > '9')
                {
                    return false;
                }

                result = (result * 10) + (digit - '0');
            }

            if (negative)
            {
                result = -result;
            }

            return true;
        }

        private static int ParseNumber(string key, string value, int minimum, int maximum, int lineNumber)
        {
            int result;
            if (!TryParseNumber(value, out result) || result < minimum || result > maximum)
            {
                throw new SettingsException(lineNumber, key, key + " must be a whole number from " + minimum.ToString()
                    + " to " + maximum.ToString() + Shown(key, value));
            }

            return result;
        }

        private static bool ParseBoolean(string key, string value, int lineNumber)
        {
            string lower = value.ToLower();
            if (lower == "true" || lower == "yes" || lower == "on" || lower == "1")
            {
                return true;
            }

            if (lower == "false" || lower == "no" || lower == "off" || lower == "0")
            {
                return false;
            }

            throw new SettingsException(lineNumber, key, key + " must be true or false" + Shown(key, value));
        }

        private static string ParseChoice(string key, string value, string[] choices, int lineNumber)
        {
            for (int index = 0; index < choices.Length; index++)
            {
                if (choices[index] == value)
                {
                    return value;
                }
            }

            throw new SettingsException(lineNumber, key, key + " must be one of " + JoinList(choices) + Shown(key, value));
        }

        private static SmtpSecurity ParseSecurity(string key, string value, int lineNumber)
        {
            // "starttls" requires the upgrade (RFC 3207 section 4: a client that wants privacy must not fall back to
            // plain text); "starttls-if-offered" accepts a server that does not offer it.
            string choice = ParseChoice(key, value.ToLower(), new string[] { "none", "starttls", "starttls-if-offered", "tls" }, lineNumber);
            switch (choice)
            {
                case "none": return SmtpSecurity.None;
                case "tls": return SmtpSecurity.ImplicitTls;
                case "starttls-if-offered": return SmtpSecurity.StartTlsWhenAvailable;
                default: return SmtpSecurity.StartTlsRequired;
            }
        }

        private static ConnectionSecurity ParseLookupSecurity(string key, string value, int lineNumber)
        {
            // The lookup protocol has no STARTTLS: "tls" is TLS from the first byte (docs/protocol.md, "Transport
            // security"), so a server without TLS fails the handshake instead of answering in clear.
            string choice = ParseChoice(key, value.ToLower(), new string[] { "none", "tls" }, lineNumber);
            return choice == "tls" ? ConnectionSecurity.Tls : ConnectionSecurity.Plain;
        }

        private static MessageLanguage ParseLanguage(string key, string value, int lineNumber)
        {
            string choice = ParseChoice(key, value.ToLower(), new string[] { "pt", "en" }, lineNumber);
            return choice == "en" ? MessageLanguage.English : MessageLanguage.Portuguese;
        }

        private static NetworkMode ParseNetworkMode(string key, string value, int lineNumber)
        {
            string choice = ParseChoice(key, value.ToLower(), new string[] { "dhcp", "static" }, lineNumber);
            return choice == "static" ? NetworkMode.Static : NetworkMode.Dhcp;
        }

        private static CardSuffix ParseSuffix(string key, string value, int lineNumber)
        {
            // "none": the reader sends no suffix and a code ends after a quiet gap (CardSuffix.IdleGap).
            string choice = ParseChoice(key, value.ToLower(), new string[] { "cr", "lf", "crlf", "none" }, lineNumber);
            switch (choice)
            {
                case "lf": return CardSuffix.LineFeed;
                case "crlf": return CardSuffix.CarriageReturnLineFeed;
                case "none": return CardSuffix.IdleGap;
                default: return CardSuffix.CarriageReturn;
            }
        }

        private static string SecurityName(SmtpSecurity security)
        {
            switch (security)
            {
                case SmtpSecurity.None: return "none";
                case SmtpSecurity.ImplicitTls: return "tls";
                case SmtpSecurity.StartTlsWhenAvailable: return "starttls-if-offered";
                default: return "starttls";
            }
        }

        private static string LookupSecurityName(ConnectionSecurity security)
        {
            return security == ConnectionSecurity.Tls ? "tls" : "none";
        }

        private static string SuffixName(CardSuffix suffix)
        {
            switch (suffix)
            {
                case CardSuffix.LineFeed: return "lf";
                case CardSuffix.CarriageReturnLineFeed: return "crlf";
                case CardSuffix.IdleGap: return "none";
                default: return "cr";
            }
        }

        private static string BooleanName(bool value)
        {
            return value ? "true" : "false";
        }

        /// <summary>UART names are COM1..COM9: nanoFramework's SerialPort reads the digit after "COM".</summary>
        private static string ParsePortName(string key, string value, int lineNumber)
        {
            string upper = value.ToUpper();
            if (upper.Length == 0 || (upper.Length == 4 && upper.StartsWith("COM") && upper[3] >= '1' && upper[3] <= '9'))
            {
                return upper;
            }

            throw new SettingsException(lineNumber, key, key + " must be COM1 to COM9" + Shown(key, value));
        }

        /// <summary>A bare address (local@domain); display names are added by the mail code, not configured.</summary>
        private static string ParseAddress(string key, string value, int lineNumber)
        {
            int at = value.IndexOf('@');
            if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1 || value.IndexOfAny(new char[] { ' ', '<', '>', ',', '"' }) >= 0)
            {
                throw new SettingsException(lineNumber, key, key + " must be an address like name@example.org" + Shown(key, value));
            }

            return value;
        }

        private static string[] ParseAddressList(string key, string value, int lineNumber)
        {
            string[] items = ParseList(value);
            for (int index = 0; index < items.Length; index++)
            {
                ParseAddress(key, items[index], lineNumber);
            }

            return items;
        }

        private static string ParseAddressV4(string key, string value, int lineNumber)
        {
            if (!IsAddressV4(value))
            {
                throw new SettingsException(lineNumber, key, key + " must be an IPv4 address like 192.168.1.20" + Shown(key, value));
            }

            return value;
        }

        /// <summary>Most lookup servers one terminal lists (each one tried costs a connect timeout when down).</summary>
        public const int MaximumLookupServers = 8;

        /// <summary>
        /// <c>lookup.host</c>: one server, or several instances over one database separated by commas, each
        /// <c>host</c> or <c>host:port</c> (without a port, <c>lookup.port</c> applies). An empty entry, a space
        /// inside one, a bad port or the same server twice is an error rather than skipped: each is a typo that
        /// would otherwise leave a terminal with one server fewer than intended, noticed only when it fails over.
        /// </summary>
        private static void ParseLookupHosts(TerminalSettings settings, string key, string value, int lineNumber)
        {
            settings.LookupHost = value;
            if (value.Length == 0)
            {
                settings.LookupHosts = new string[0];
                settings.LookupHostPorts = new int[0];
                return;
            }

            string[] parts = value.Split(new char[] { ',' });
            if (parts.Length > MaximumLookupServers)
            {
                throw new SettingsException(lineNumber, key, key + " lists " + parts.Length.ToString() + " servers; at most "
                    + MaximumLookupServers.ToString() + " are allowed");
            }

            string[] hosts = new string[parts.Length];
            int[] ports = new int[parts.Length];
            for (int index = 0; index < parts.Length; index++)
            {
                string entry = parts[index].Trim();
                if (entry.Length == 0)
                {
                    throw new SettingsException(lineNumber, key, key + " has an empty entry: separate servers with single commas, as in a.example, b.example");
                }

                if (entry.IndexOf(' ') >= 0 || entry.IndexOf('\t') >= 0)
                {
                    throw new SettingsException(lineNumber, key, key + " entry '" + entry + "' contains a space: separate servers with commas");
                }

                int colon = entry.IndexOf(':');
                if (colon != entry.LastIndexOf(':'))
                {
                    throw new SettingsException(lineNumber, key, key + " entry '" + entry + "' must be host or host:port");
                }

                string host = colon < 0 ? entry : entry.Substring(0, colon);
                int port = 0;
                if (colon >= 0)
                {
                    string portText = entry.Substring(colon + 1);
                    if (!TryParseNumber(portText, out port) || port < 1 || port > 65535)
                    {
                        throw new SettingsException(lineNumber, key, key + " entry '" + entry + "' has a bad port: it must be a whole number from 1 to 65535");
                    }
                }

                if (host.Length == 0)
                {
                    throw new SettingsException(lineNumber, key, key + " entry '" + entry + "' has no host name");
                }

                for (int earlier = 0; earlier < index; earlier++)
                {
                    if (hosts[earlier].ToLower() == host.ToLower() && ports[earlier] == port)
                    {
                        throw new SettingsException(lineNumber, key, key + " lists '" + entry + "' twice");
                    }
                }

                hosts[index] = host;
                ports[index] = port;
            }

            settings.LookupHosts = hosts;
            settings.LookupHostPorts = ports;
        }

        private static string[] ParseAddressV4List(string key, string value, int lineNumber)
        {
            string[] items = ParseList(value);
            for (int index = 0; index < items.Length; index++)
            {
                ParseAddressV4(key, items[index], lineNumber);
            }

            return items;
        }

        /// <summary>Dotted-quad IPv4 address, each part 0-255 without sign.</summary>
        public static bool IsAddressV4(string text)
        {
            string[] parts = text.Split(new char[] { '.' });
            if (parts.Length != 4)
            {
                return false;
            }

            for (int index = 0; index < parts.Length; index++)
            {
                int part;
                if (parts[index].Length == 0 || parts[index].Length > 3 || parts[index][0] == '-' || parts[index][0] == '+'
                    || !TryParseNumber(parts[index], out part) || part > 255)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Comma-separated items, trimmed, empty items dropped.</summary>
        private static string[] ParseList(string value)
        {
            string[] parts = value.Split(new char[] { ',' });
            int count = 0;
            for (int index = 0; index < parts.Length; index++)
            {
                parts[index] = parts[index].Trim();
                if (parts[index].Length > 0)
                {
                    count++;
                }
            }

            string[] items = new string[count];
            count = 0;
            for (int index = 0; index < parts.Length; index++)
            {
                if (parts[index].Length > 0)
                {
                    items[count++] = parts[index];
                }
            }

            return items;
        }

        private static string JoinList(string[] items)
        {
            var text = new StringBuilder();
            for (int index = 0; index < items.Length; index++)
            {
                if (index > 0)
                {
                    text.Append(", ");
                }

                text.Append(items[index]);
            }

            return text.ToString();
        }
    }
}
