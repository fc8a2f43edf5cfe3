using Attendance.Core.Configuration;
using Attendance.Core.Mail.Message;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Configuration
{
    /// <summary>The lookup server's settings meeting the local file: which keys, who wins, and the parser's rules.</summary>
    [TestClass]
    public class ServerSettingsTests
    {
        private const string Local = "board = pc\nterminal.id = T01\nlookup.host = lookup.example\nlanguage = pt\n";

        private static ServerSettingsSet Set(string[] keys, string[] values)
        {
            return new ServerSettingsSet("5", keys, values);
        }

        [TestMethod]
        public void The_file_wins_and_the_server_fills_the_rest()
        {
            TerminalSettings settings = ServerSettings.Check(Local, Set(new string[] { "smtp.host", "mail.from", "language", "roll.capacity" },
                new string[] { "smtp.example", "a@example.edu", "en", " 120 " }));

            Assert.AreEqual("smtp.example", settings.SmtpHost);
            Assert.AreEqual(MessageLanguage.Portuguese, settings.Language);
            Assert.AreEqual(120, settings.RollCapacity);
        }

        [TestMethod]
        [DataRow("lookup.host", "evil.example", "may not set")]
        [DataRow("terminal.key", "x", "may not set")]
        [DataRow("led.red-pin", "4", "may not set")]
        [DataRow("roll.capacity", "0", "roll.capacity must be a whole number")]
        [DataRow("smtp.security", "maybe", "smtp.security must be one of")]
        [DataRow("mail.cc", "a@b.c\nlookup.host = evil", "line break")]
        public void A_bad_set_is_refused_with_a_reason_naming_the_key(string key, string value, string reason)
        {
            SettingsException refused = null;
            try
            {
                ServerSettings.Check(Local, Set(new string[] { "smtp.host", "mail.from", key }, new string[] { "smtp.example", "a@example.edu", value }));
            }
            catch (SettingsException exception)
            {
                refused = exception;
            }

            Assert.IsNotNull(refused);
            Assert.IsTrue(refused.Message.IndexOf(reason) >= 0, refused.Message);
            Assert.IsTrue(refused.Message.IndexOf("version 5") >= 0 || reason == "may not set" || reason == "line break", refused.Message);
            Assert.AreEqual(0, refused.LineNumber);
        }

        [TestMethod]
        public void A_key_twice_is_refused()
        {
            Expect.Throws(typeof(SettingsException), delegate
            {
                ServerSettings.Check(Local, Set(new string[] { "smtp.host", "smtp.host", "mail.from" }, new string[] { "a.example", "b.example", "a@example.edu" }));
            });
        }

        [TestMethod]
        public void The_rules_between_keys_hold_across_the_file_and_the_server()
        {
            // card.max-length from the file, card.min-length from the server: checked together.
            Expect.Throws(typeof(SettingsException), delegate
            {
                ServerSettings.Check(Local + "card.max-length = 8\n", Set(new string[] { "smtp.host", "mail.from", "card.min-length" },
                    new string[] { "smtp.example", "a@example.edu", "12" }));
            });
        }

        [TestMethod]
        public void Without_mail_from_anywhere_the_terminal_cannot_run()
        {
            Expect.Throws(typeof(SettingsException), delegate { ServerSettings.Check(Local, Set(new string[] { "smtp.host" }, new string[] { "a.example" })); });
            Assert.AreEqual("lookup.example", SettingsParser.Parse(Local, false).LookupHost);
        }

        [TestMethod]
        public void Sets_with_the_same_lines_have_the_same_content_whatever_their_versions()
        {
            ServerSettingsSet first = new ServerSettingsSet("1", new string[] { "language" }, new string[] { "en" });
            Assert.IsTrue(ServerSettings.SameContent(first, new ServerSettingsSet("2", new string[] { "language" }, new string[] { "en" })));
            Assert.IsFalse(ServerSettings.SameContent(first, new ServerSettingsSet("2", new string[] { "language" }, new string[] { "pt" })));
            Assert.IsFalse(ServerSettings.SameContent(first, null));
        }
    }
}
