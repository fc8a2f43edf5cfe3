using System;
using System.Text;
using Attendance.Core.Cards;
using Attendance.Core.Hardware;
using Attendance.Core.Mail.Message;
using Attendance.Core.Mail.Smtp;
using Attendance.Core.Configuration;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Configuration
{
    [TestClass]
    public class SettingsParserTests
    {
        /// <summary>The settings every file must have (Wi-Fi board by default, so an SSID too).</summary>
        private const string Required =
            "lookup.host = lookup.school.example\n"
            + "smtp.host = mail.school.example\n"
            + "mail.from = attendance@school.example\n"
            + "wifi.ssid = Classrooms\n";

        [TestMethod]
        public void A_file_with_only_the_required_settings_keeps_every_default()
        {
            TerminalSettings settings = SettingsParser.Parse(Required);
            var defaults = new TerminalSettings();

            Assert.AreEqual("lookup.school.example", settings.LookupHost);
            Assert.AreEqual(defaults.LookupPort, settings.LookupPort);
            Assert.AreEqual((int)ConnectionSecurity.Plain, (int)settings.LookupSecurity);
            Assert.AreEqual(587, settings.SmtpPort);
            Assert.AreEqual((int)SmtpSecurity.StartTlsRequired, (int)settings.SmtpSecurity);
            Assert.IsFalse(settings.SmtpAllowAuthenticationWithoutTls);
            Assert.AreEqual((int)MessageLanguage.Portuguese, (int)settings.Language);
            Assert.AreEqual((int)CardSuffix.CarriageReturn, (int)settings.CardCodeSuffix);
            Assert.AreEqual(9600, settings.CardReaderBaudRate);
            Assert.AreEqual(-1, settings.RedLedPin);
            Assert.AreEqual((int)NetworkMode.Dhcp, (int)settings.NetworkMode);
            Assert.AreEqual(2, settings.SntpServers.Length);
            Assert.AreEqual(0, settings.MailCc.Length);
            Assert.AreEqual("esp32-devkit-wifi", settings.Board);
            Assert.IsFalse(settings.LedActiveHigh, "LEDs are wired active-low by default (hardware/README.md)");
        }

        [TestMethod]
        public void Lookup_host_takes_one_server_or_a_list_with_optional_ports()
        {
            const string Rest = "smtp.host = mail.school.example\nmail.from = attendance@school.example\nwifi.ssid = Classrooms\n";

            TerminalSettings one = SettingsParser.Parse("lookup.host = lookup.school.example\n" + Rest);
            TerminalSettings two = SettingsParser.Parse("lookup.host = a.school.example ,10.0.0.7:7011\n" + Rest);

            Assert.AreEqual(1, one.LookupHosts.Length);
            Assert.AreEqual("lookup.school.example", one.LookupHosts[0]);
            Assert.AreEqual(0, one.LookupHostPorts[0]);
            Assert.AreEqual(2, two.LookupHosts.Length);
            Assert.AreEqual("a.school.example", two.LookupHosts[0]);
            Assert.AreEqual(0, two.LookupHostPorts[0]);
            Assert.AreEqual("10.0.0.7", two.LookupHosts[1]);
            Assert.AreEqual(7011, two.LookupHostPorts[1]);
            Assert.AreEqual("a.school.example ,10.0.0.7:7011", two.LookupHost);
        }

        [TestMethod]
        [DataRow("a.example,,b.example", "empty entry")]
        [DataRow("a.example,", "empty entry")]
        [DataRow("a.example b.example", "space")]
        [DataRow("a.example:0", "bad port")]
        [DataRow("a.example:70000", "bad port")]
        [DataRow("a.example:x", "bad port")]
        [DataRow(":7011", "no host")]
        [DataRow("a.example:1:2", "host:port")]
        [DataRow("a.example, A.EXAMPLE", "twice")]
        [DataRow("h1,h2,h3,h4,h5,h6,h7,h8,h9", "at most 8")]
        public void A_bad_lookup_host_list_is_refused_with_its_line(string value, string expected)
        {
            string text = "smtp.host = mail.school.example\nmail.from = attendance@school.example\nwifi.ssid = Classrooms\nlookup.host = " + value + "\n";

            var exception = (SettingsException)Expect.Throws(typeof(SettingsException), delegate { SettingsParser.Parse(text); });

            Assert.AreEqual(4, exception.LineNumber);
            Assert.AreEqual("lookup.host", exception.Key);
            Assert.IsTrue(exception.Message.IndexOf(expected) >= 0, exception.Message);
        }

        [TestMethod]
        public void A_complete_file_sets_every_field()
        {
            string text =
                "# Sala 2.14 terminal\r\n"
                + "terminal.id = sala-2.14\r\n"
                + "terminal.key = k3y#with=signs\r\n"
                + "board = ESP32-POE-ETHERNET\r\n"
                + "lookup.host = 10.0.0.5\r\n"
                + "lookup.port = 7100\r\n"
                + "lookup.security = TLS\r\n"
                + "lookup.timeout-ms = 5000\r\n"
                + "smtp.host = smtp.school.example\r\n"
                + "smtp.port = 465\r\n"
                + "smtp.security = TLS\r\n"
                + "smtp.user = attendance\r\n"
                + "smtp.password =  p@ss word # not a comment \r\n"
                + "smtp.allow-auth-without-tls = no\r\n"
                + "smtp.timeout-ms = 20000\r\n"
                + "mail.from = attendance@school.example\r\n"
                + "mail.cc = office@school.example, , head@school.example\r\n"
                + "language = en\r\n"
                + "time.utc-offset-minutes = -90\r\n"
                + "time.sntp-servers = ntp.school.example\r\n"
                + "card.port = com3\r\n"
                + "card.rx-pin = 36\r\n"
                + "card.tx-pin = 4\r\n"
                + "card.baud = 19200\r\n"
                + "card.suffix = crlf\r\n"
                + "card.min-length = 6\r\n"
                + "card.max-length = 12\r\n"
                + "roll.capacity = 120\r\n"
                + "roll.auto-close-minutes = 0\r\n"
                + "led.red-pin = 13\r\n"
                + "led.green-pin = 14\r\n"
                + "led.active-high = true\r\n"
                + "network.mode = static\r\n"
                + "network.address = 192.168.10.20\r\n"
                + "network.mask = 255.255.255.0\r\n"
                + "network.gateway = 192.168.10.1\r\n"
                + "network.dns = 192.168.10.2,1.1.1.1\r\n"
                + "tls.ca-file = I:\\ca.pem\r\n";

            TerminalSettings settings = SettingsParser.Parse(text);

            Assert.AreEqual("sala-2.14", settings.TerminalId);
            Assert.AreEqual("k3y#with=signs", settings.TerminalKey);
            Assert.AreEqual("esp32-poe-ethernet", settings.Board);
            Assert.AreEqual(7100, settings.LookupPort);
            Assert.AreEqual((int)ConnectionSecurity.Tls, (int)settings.LookupSecurity);
            Assert.AreEqual(5000, settings.LookupTimeoutMilliseconds);
            Assert.AreEqual(465, settings.SmtpPort);
            Assert.AreEqual((int)SmtpSecurity.ImplicitTls, (int)settings.SmtpSecurity);
            Assert.AreEqual("attendance", settings.SmtpUser);
            Assert.AreEqual("p@ss word # not a comment", settings.SmtpPassword);
            Assert.AreEqual(20000, settings.SmtpTimeoutMilliseconds);
            Assert.AreEqual(2, settings.MailCc.Length);
            Assert.AreEqual("head@school.example", settings.MailCc[1]);
            Assert.AreEqual((int)MessageLanguage.English, (int)settings.Language);
            Assert.AreEqual(-90, settings.UtcOffsetMinutes);
            Assert.AreEqual(1, settings.SntpServers.Length);
            Assert.AreEqual("COM3", settings.CardReaderPortName);
            Assert.AreEqual(36, settings.CardReaderReceivePin);
            Assert.AreEqual(4, settings.CardReaderTransmitPin);
            Assert.AreEqual(19200, settings.CardReaderBaudRate);
            Assert.AreEqual((int)CardSuffix.CarriageReturnLineFeed, (int)settings.CardCodeSuffix);
            Assert.AreEqual(6, settings.CardCodeMinimumLength);
            Assert.AreEqual(12, settings.CardCodeMaximumLength);
            Assert.AreEqual(120, settings.RollCapacity);
            Assert.AreEqual(0, settings.RollAutoCloseMinutes);
            Assert.AreEqual(13, settings.RedLedPin);
            Assert.AreEqual(14, settings.GreenLedPin);
            Assert.IsTrue(settings.LedActiveHigh);
            Assert.AreEqual((int)NetworkMode.Static, (int)settings.NetworkMode);
            Assert.AreEqual("192.168.10.20", settings.NetworkAddress);
            Assert.AreEqual("1.1.1.1", settings.NetworkDns[1]);
            Assert.AreEqual("I:\\ca.pem", settings.TlsCaCertificateFile);
        }

        [TestMethod]
        public void Utf8_bytes_with_a_byte_order_mark_and_accents_are_decoded()
        {
            byte[] body = Encoding.UTF8.GetBytes(Required + "terminal.id = Anfiteatro Ção\n");
            byte[] withMark = new byte[body.Length + 3];
            withMark[0] = 0xEF;
            withMark[1] = 0xBB;
            withMark[2] = 0xBF;
            Array.Copy(body, 0, withMark, 3, body.Length);

            TerminalSettings settings = SettingsParser.Parse(withMark);

            Assert.AreEqual("Anfiteatro \u00C7\u00E3o", settings.TerminalId);
        }

        [TestMethod]
        [DataRow("lookup.port = 70000\n", 5, "lookup.port")]
        [DataRow("lookup.port = 7o70\n", 5, "lookup.port")]
        [DataRow("smtp.pasword = secret\n", 5, "smtp.pasword")]
        [DataRow("just some words\n", 5, "")]
        [DataRow("= value without key\n", 5, "")]
        [DataRow("smtp.security = ssl\n", 5, "smtp.security")]
        [DataRow("lookup.security = starttls\n", 5, "lookup.security")]
        [DataRow("language = fr\n", 5, "language")]
        [DataRow("card.suffix = semicolon\n", 5, "card.suffix")]
        [DataRow("led.active-high = maybe\n", 5, "led.active-high")]
        [DataRow("mail.cc = office at school\n", 5, "mail.cc")]
        [DataRow("network.address = 192.168.1.300\n", 5, "network.address")]
        [DataRow("network.gateway = 192.168.1\n", 5, "network.gateway")]
        [DataRow("card.port = UART2\n", 5, "card.port")]
        [DataRow("card.port = COM1\n", 5, "card.port")]
        [DataRow("board = esp32-poe-ethernet\ncard.port = com1\n", 6, "card.port")]
        [DataRow("card.port = COM4\nboard = esp32-ethernet-kit\n", 5, "card.port")]
        [DataRow("board = arduino\n", 5, "board")]
        [DataRow("terminal.id =\n", 5, "terminal.id")]
        [DataRow("\n# comment\nlookup.host = again\n", 7, "lookup.host")]
        [DataRow("card.min-length = 20\ncard.max-length = 10\n", 5, "card.min-length")]
        [DataRow("smtp.user = attendance\n", 5, "smtp.password")]
        [DataRow("smtp.user = a\nsmtp.password = b\nsmtp.security = none\n", 7, "smtp.security")]
        [DataRow("network.mode = static\nnetwork.address = 10.0.0.2\nnetwork.mask = 255.0.0.0\nnetwork.gateway = 10.0.0.1\n", 5, "network.dns")]
        public void A_bad_line_is_reported_with_its_number_and_key(string extraLines, int expectedLine, string expectedKey)
        {
            var exception = (SettingsException)Expect.Throws(typeof(SettingsException), delegate { SettingsParser.Parse(Required + extraLines); });

            Assert.AreEqual(expectedLine, exception.LineNumber);
            Assert.AreEqual(expectedKey, exception.Key);
            Assert.IsTrue(exception.Message.StartsWith("line " + expectedLine.ToString() + ": "), exception.Message);
        }

        [TestMethod]
        [DataRow("lookup.host")]
        [DataRow("smtp.host")]
        [DataRow("mail.from")]
        [DataRow("wifi.ssid")]
        public void A_missing_required_setting_is_named(string missingKey)
        {
            string text = "";
            string[] lines = Required.Split(new char[] { '\n' });
            for (int index = 0; index < lines.Length; index++)
            {
                if (lines[index].Length > 0 && !lines[index].StartsWith(missingKey))
                {
                    text = text + lines[index] + "\n";
                }
            }

            var exception = (SettingsException)Expect.Throws(typeof(SettingsException), delegate { SettingsParser.Parse(text); });

            Assert.AreEqual(0, exception.LineNumber);
            Assert.AreEqual(missingKey, exception.Key);
            Assert.IsTrue(exception.Message.IndexOf(missingKey) >= 0, exception.Message);
        }

        [TestMethod]
        public void A_wired_board_needs_no_wifi_network()
        {
            TerminalSettings settings = SettingsParser.Parse(
                "board = stm32f769i-ethernet\nlookup.host = l\nsmtp.host = s\nmail.from = a@b.example\n");

            Assert.AreEqual("stm32f769i-ethernet", settings.Board);
            Assert.AreEqual("", settings.WifiSsid);
        }

        [TestMethod]
        public void An_unknown_key_lists_the_known_keys_of_its_section()
        {
            var exception = Expect.Throws(typeof(SettingsException), delegate { SettingsParser.Parse(Required + "smtp.pasword = x\n"); });

            Assert.IsTrue(exception.Message.IndexOf("smtp.password") >= 0, exception.Message);
        }

        [TestMethod]
        public void The_log_text_shows_settings_but_never_secrets()
        {
            TerminalSettings settings = SettingsParser.Parse(Required
                + "terminal.key = TerminalSecret1\nsmtp.user = attendance\nsmtp.password = MailSecret2\nwifi.key = RadioSecret3\n");

            string log = settings.ToLogString();

            Assert.IsTrue(log.IndexOf("TerminalSecret1") < 0, log);
            Assert.IsTrue(log.IndexOf("MailSecret2") < 0, log);
            Assert.IsTrue(log.IndexOf("RadioSecret3") < 0, log);
            Assert.IsTrue(log.IndexOf("smtp.password = " + TerminalSettings.RedactedText) >= 0, log);
            Assert.IsTrue(log.IndexOf("smtp.user = attendance") >= 0, log);
            Assert.IsTrue(log.IndexOf("lookup.host = lookup.school.example") >= 0, log);
        }

        [TestMethod]
        public void The_log_text_tells_an_empty_secret_from_a_set_one()
        {
            string log = SettingsParser.Parse(Required).ToLogString();

            Assert.IsTrue(log.IndexOf("wifi.key = (empty)") >= 0, log);
        }

        [TestMethod]
        [DataRow("terminal.key")]
        [DataRow("smtp.password")]
        [DataRow("wifi.key")]
        public void An_error_on_a_secret_line_does_not_repeat_the_secret(string secretKey)
        {
            string text = Required + secretKey + " = FirstSecretValue\n" + secretKey + " = SecondSecretValue\n";

            var exception = Expect.Throws(typeof(SettingsException), delegate { SettingsParser.Parse(text); });

            Assert.IsTrue(exception.Message.IndexOf("SecretValue") < 0, exception.Message);
            Assert.IsTrue(exception.Message.IndexOf(secretKey) >= 0, exception.Message);
        }

        [TestMethod]
        public void Every_key_is_described_in_the_log_text()
        {
            string log = new TerminalSettings().ToLogString();

            for (int index = 0; index < SettingsParser.Keys.Length; index++)
            {
                Assert.IsTrue(log.IndexOf("\n" + SettingsParser.Keys[index] + " = ") >= 0 || log.StartsWith(SettingsParser.Keys[index] + " = "),
                    SettingsParser.Keys[index]);
            }
        }

        [TestMethod]
        [DataRow("0.0.0.0", true)]
        [DataRow("255.255.255.255", true)]
        [DataRow("10.1.2.3", true)]
        [DataRow("256.1.1.1", false)]
        [DataRow("1.2.3", false)]
        [DataRow("1.2.3.4.5", false)]
        [DataRow("1..3.4", false)]
        [DataRow("-1.2.3.4", false)]
        [DataRow("a.b.c.d", false)]
        public void Addresses_are_dotted_quads(string text, bool valid)
        {
            Assert.AreEqual(valid, SettingsParser.IsAddressV4(text));
        }

        [TestMethod]
        public void COM1_on_an_ESP32_board_is_refused_as_its_debug_port()
        {
            var exception = (SettingsException)Expect.Throws(typeof(SettingsException),
                delegate { SettingsParser.Parse(Required + "board = esp32-poe-ethernet\ncard.port = COM1\n"); });

            Assert.IsTrue(exception.Message.IndexOf("debug and deployment") >= 0, exception.Message);
            Assert.IsTrue(exception.Message.IndexOf("COM2 or COM3") >= 0, exception.Message);
        }

        [TestMethod]
        [DataRow("esp32-devkit-wifi", "COM2")]
        [DataRow("esp32-poe-ethernet", "COM3")]
        [DataRow("esp32-ethernet-kit", "")]
        [DataRow("stm32f769i-ethernet", "COM1")]
        [DataRow("stm32f769i-ethernet", "COM6")]
        [DataRow("pc", "COM1")]
        public void A_UART_the_board_can_give_the_reader_is_accepted(string board, string port)
        {
            TerminalSettings settings = SettingsParser.Parse(Required + "board = " + board + "\n"
                + (port.Length > 0 ? "card.port = " + port + "\n" : ""));

            Assert.AreEqual(port, settings.CardReaderPortName);
        }
    }
}
