using System.Text;
using Attendance.Core.Cards;
using Attendance.Core.Hardware;
using Attendance.Core.Mail.Message;
using Attendance.Core.Mail.Smtp;

namespace Attendance.Core.Configuration
{
    /// <summary>
    /// Every setting of a terminal, with its default. Filled by <see cref="SettingsParser"/> from the
    /// <c>terminal.config</c> text (keys in brackets); a setting absent from the file keeps the default written here.
    /// Pins set to -1 mean "the board profile's pin". Secrets (<see cref="TerminalKey"/>, <see cref="SmtpPassword"/>,
    /// <see cref="WifiKey"/>) are never printed: use <see cref="ToLogString"/> to show the configuration.
    /// </summary>
    public class TerminalSettings
    {
        /// <summary>Value written in place of a secret that is set.</summary>
        public const string RedactedText = "(set, hidden)";

        // Identity ------------------------------------------------------------------------------------------

        /// <summary>Name of this terminal, used in logs and in the e-mail (<c>terminal.id</c>).</summary>
        public string TerminalId = "terminal";

        /// <summary>Shared secret that identifies the terminal to the lookup server (<c>terminal.key</c>). Secret.</summary>
        public string TerminalKey = "";

        /// <summary>Board profile: esp32-devkit-wifi, esp32-poe-ethernet, esp32-ethernet-kit, stm32f769i-ethernet, or pc for the host terminal (<c>board</c>).</summary>
        public string Board = "esp32-devkit-wifi";

        // Lookup server -------------------------------------------------------------------------------------

        /// <summary>
        /// The lookup server's host name or IPv4 address, or several instances over one database separated by
        /// commas, each optionally with its own port (<c>lookup.host = a.example, b.example:7011</c>), as written
        /// in the file. Required. Parsed into <see cref="LookupHosts"/> and <see cref="LookupHostPorts"/>.
        /// </summary>
        public string LookupHost = "";

        /// <summary>The servers of <see cref="LookupHost"/>, in the order the terminal tries them.</summary>
        public string[] LookupHosts = new string[0];

        /// <summary>The port given with each of <see cref="LookupHosts"/>, or 0 for <see cref="LookupPort"/>.</summary>
        public int[] LookupHostPorts = new int[0];

        /// <summary>TCP port of the lookup server (<c>lookup.port</c>).</summary>
        public int LookupPort = 7010;

        /// <summary>
        /// Plain TCP (<c>none</c>, the default) or TLS from the first byte (<c>tls</c>) to the lookup server
        /// (<c>lookup.security</c>); the server's certificate is checked like the SMTP server's (<c>tls.ca-file</c>).
        /// </summary>
        public ConnectionSecurity LookupSecurity = ConnectionSecurity.Plain;

        /// <summary>How long to wait for the lookup server to answer, in milliseconds (<c>lookup.timeout-ms</c>).</summary>
        public int LookupTimeoutMilliseconds = 10000;

        // Mail ----------------------------------------------------------------------------------------------

        /// <summary>SMTP server host name (<c>smtp.host</c>). Required; TLS validates the certificate against it.</summary>
        public string SmtpHost = "";

        /// <summary>SMTP port (<c>smtp.port</c>): 587 for STARTTLS submission, 465 for implicit TLS (RFC 8314).</summary>
        public int SmtpPort = 587;

        /// <summary>Connection protection: none, starttls or tls (<c>smtp.security</c>).</summary>
        public SmtpSecurity SmtpSecurity = SmtpSecurity.StartTlsRequired;

        /// <summary>User for SMTP AUTH (<c>smtp.user</c>); empty means no AUTH.</summary>
        public string SmtpUser = "";

        /// <summary>Password for SMTP AUTH (<c>smtp.password</c>). Secret.</summary>
        public string SmtpPassword = "";

        /// <summary>
        /// Allows AUTH over a connection without TLS (<c>smtp.allow-auth-without-tls</c>). Off by default: the
        /// password would cross the network in clear text (RFC 4954 section 4 leaves this to local policy).
        /// </summary>
        public bool SmtpAllowAuthenticationWithoutTls = false;

        /// <summary>
        /// Upper bound on the wait for each SMTP reply, in milliseconds (<c>smtp.timeout-ms</c>). 0 keeps the
        /// per-step timeouts of RFC 5321 section 4.5.3.2 (5 minutes for most replies, 10 after the final dot).
        /// </summary>
        public int SmtpTimeoutMilliseconds = 0;

        /// <summary>Writes the SMTP conversation to the event log, AUTH lines redacted (<c>smtp.protocol-log</c>).</summary>
        public bool SmtpProtocolLog = false;

        /// <summary>First wait before a failed e-mail is tried again, in seconds (<c>mail.retry-first-seconds</c>); it doubles each time.</summary>
        public int MailRetryFirstSeconds = 30;

        /// <summary>Longest wait between two tries of a failed e-mail, in seconds (<c>mail.retry-max-seconds</c>).</summary>
        public int MailRetryMaximumSeconds = 1800;

        /// <summary>
        /// Seconds between two health reports to the lookup server (<c>health.interval-seconds</c>, 10 to 86400; 0 = none).
        /// The first is sent at start-up (docs/protocol.md, "Terminal health").
        /// </summary>
        public int HealthIntervalSeconds = 300;

        /// <summary>Minutes after the class start before a swipe counts as late (<c>lookup.late-grace-minutes</c>).</summary>
        public int LateGraceMinutes = 15;

        /// <summary>Envelope and header sender address of the attendance e-mail (<c>mail.from</c>). Required.</summary>
        public string MailFrom = "";

        /// <summary>Addresses copied on every attendance e-mail (<c>mail.cc</c>, comma separated).</summary>
        public string[] MailCc = new string[0];

        /// <summary>
        /// Minutes added to UTC for the times people read (<c>time.utc-offset-minutes</c>). The board has no time
        /// zone database, so a change to summer time is a change of this setting.
        /// </summary>
        public int UtcOffsetMinutes = 0;

        /// <summary>Language of the e-mail: pt or en (<c>language</c>).</summary>
        public MessageLanguage Language = MessageLanguage.Portuguese;

        // Card reader ---------------------------------------------------------------------------------------

        /// <summary>
        /// UART name on the board, e.g. COM2 (<c>card.port</c>); empty means the board profile's port. ESP32 boards take
        /// COM2 or COM3 only: COM1 is their debug and deployment UART.
        /// </summary>
        public string CardReaderPortName = "";

        /// <summary>UART receive pin (reader to board) on ESP32 boards (<c>card.rx-pin</c>); -1 means the profile's pin.</summary>
        public int CardReaderReceivePin = -1;

        /// <summary>UART transmit pin (board to reader) on ESP32 boards (<c>card.tx-pin</c>); -1 means the profile's pin.</summary>
        public int CardReaderTransmitPin = -1;

        /// <summary>Reader baud rate, 8 data bits, no parity, 1 stop bit (<c>card.baud</c>).</summary>
        public int CardReaderBaudRate = 9600;

        /// <summary>What ends each code: cr, lf, crlf, tab or none (<c>card.suffix</c>).</summary>
        public CardSuffix CardCodeSuffix = CardSuffix.CarriageReturn;

        /// <summary>Shortest accepted card code, in characters (<c>card.min-length</c>).</summary>
        public int CardCodeMinimumLength = 4;

        /// <summary>Longest accepted card code, in characters (<c>card.max-length</c>).</summary>
        public int CardCodeMaximumLength = 20;

        // Roll ----------------------------------------------------------------------------------------------

        /// <summary>
        /// Most student swipes one roll keeps (<c>roll.capacity</c>); bounds RAM and journal size. The board refuses to
        /// start when its free heap cannot take a close of this many students (<see cref="HeapBudget"/>).
        /// </summary>
        public int RollCapacity = 400;

        /// <summary>A roll left open this long closes by itself, in minutes (<c>roll.auto-close-minutes</c>); 0 disables.</summary>
        public int RollAutoCloseMinutes = 240;

        // LEDs ----------------------------------------------------------------------------------------------

        /// <summary>GPIO of the red LED (<c>led.red-pin</c>); -1 means the board profile's pin.</summary>
        public int RedLedPin = -1;

        /// <summary>GPIO of the green LED (<c>led.green-pin</c>); -1 means the board profile's pin.</summary>
        public int GreenLedPin = -1;

        /// <summary>
        /// True when a high pin lights the LED (LED from pin to ground), false when the LED goes from 3.3 V to the pin
        /// (<c>led.active-high</c>). False by default: hardware/README.md wires every board active-low, so a pin nobody
        /// drives (start-up, configuration error) leaves its LED dark, even on the ESP32-POE, whose red LED pin, GPIO13,
        /// has a 2.2 kOhm pull-up to 3.3 V that lights an active-high LED faintly.
        /// </summary>
        public bool LedActiveHigh = false;

        // Network -------------------------------------------------------------------------------------------

        /// <summary>Wi-Fi network name (<c>wifi.ssid</c>); required by Wi-Fi boards, ignored by wired ones.</summary>
        public string WifiSsid = "";

        /// <summary>Wi-Fi passphrase (<c>wifi.key</c>). Secret.</summary>
        public string WifiKey = "";

        /// <summary>dhcp or static (<c>network.mode</c>).</summary>
        public NetworkMode NetworkMode = NetworkMode.Dhcp;

        /// <summary>Static IPv4 address (<c>network.address</c>).</summary>
        public string NetworkAddress = "";

        /// <summary>Static IPv4 subnet mask (<c>network.mask</c>).</summary>
        public string NetworkMask = "";

        /// <summary>Static IPv4 gateway (<c>network.gateway</c>).</summary>
        public string NetworkGateway = "";

        /// <summary>DNS servers for a static address (<c>network.dns</c>, comma separated).</summary>
        public string[] NetworkDns = new string[0];

        /// <summary>SNTP servers, first one preferred (<c>time.sntp-servers</c>, comma separated, at most two used).</summary>
        public string[] SntpServers = new string[] { "0.pool.ntp.org", "1.pool.ntp.org" };

        /// <summary>
        /// PEM file on the board with the CA that signed the SMTP server's certificate, and the lookup server's when
        /// <c>lookup.security = tls</c> (<c>tls.ca-file</c>); empty means the CA store deployed to the device with
        /// nanoff.
        /// </summary>
        public string TlsCaCertificateFile = "";

        /// <summary>
        /// Every setting as <c>key = value</c> lines, in the order of <see cref="SettingsParser"/>'s keys, with
        /// secrets replaced by <see cref="RedactedText"/> (or "(empty)"), so the text is safe for any log.
        /// </summary>
        public string ToLogString()
        {
            var text = new StringBuilder();
            string[] keys = SettingsParser.Keys;
            for (int index = 0; index < keys.Length; index++)
            {
                text.Append(keys[index]);
                text.Append(" = ");
                text.Append(SettingsParser.DescribeValue(this, keys[index]));
                text.Append("\n");
            }

            return text.ToString();
        }
    }
}
