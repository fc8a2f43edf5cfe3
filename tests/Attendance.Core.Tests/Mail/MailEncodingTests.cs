using System;
using System.Text;
using Attendance.Core.Mail.Message;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Core.Tests.Mail
{
    [TestClass]
    public class MailEncodingTests
    {
        [TestMethod]
        [DataRow("plain text", "plain text\r\n")]
        [DataRow("a=b", "a=3Db\r\n")]
        [DataRow("ends with space ", "ends with space=20\r\n")]
        [DataRow("ends with tab\t", "ends with tab=09\r\n")]
        [DataRow("João", "Jo=C3=A3o\r\n")]
        [DataRow(".starts with a dot", ".starts with a dot\r\n")]
        [DataRow("", "\r\n")]
        public void QuotedPrintable_encodes_one_line(string line, string expected)
        {
            Assert.AreEqual(expected, EncodeQuotedPrintable(line));
        }

        [TestMethod]
        [DataRow(75)]
        [DataRow(76)]
        [DataRow(77)]
        [DataRow(200)]
        public void QuotedPrintable_soft_breaks_keep_lines_within_76(int length)
        {
            string line = new string('a', length - 1) + "ã";
            string encoded = EncodeQuotedPrintable(line);
            string[] lines = SplitCrLf(encoded);
            for (int i = 0; i < lines.Length; i++)
            {
                Assert.IsTrue(lines[i].Length <= 76, "line " + i.ToString() + " has " + lines[i].Length.ToString());
            }

            Assert.AreEqual(line, DecodeQuotedPrintable(encoded));
        }

        [TestMethod]
        public void QuotedPrintable_never_splits_an_escape_triplet()
        {
            string line = "x" + new string('=', 60);
            string[] lines = SplitCrLf(EncodeQuotedPrintable(line));
            for (int i = 0; i < lines.Length - 1; i++)
            {
                string body = lines[i].Substring(0, lines[i].Length - 1);
                Assert.IsTrue(body.Length <= 75);
                for (int p = 0; p < body.Length; p++)
                {
                    if (body[p] == '=')
                    {
                        Assert.IsTrue(p + 2 < body.Length, "triplets stay whole: " + lines[i]);
                        p += 2;
                    }
                }
            }

            Assert.AreEqual(line, DecodeQuotedPrintable(EncodeQuotedPrintable(line)));
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        [DataRow(57)]
        [DataRow(58)]
        [DataRow(200)]
        public void Base64_lines_are_76_characters_and_decode_to_the_input(int length)
        {
            byte[] data = new byte[length];
            for (int i = 0; i < length; i++)
            {
                data[i] = (byte)((i * 37) + 11);
            }

            MailCaptureSink sink = new MailCaptureSink();
            MessageOutput output = new MessageOutput(sink, 16);
            Base64LineEncoder encoder = new Base64LineEncoder(output);
            encoder.Write(data, 0, length / 2);
            encoder.Write(data, length / 2, length - (length / 2));
            encoder.Finish();
            output.Flush();

            string[] lines = SplitCrLf(sink.Text());
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < lines.Length; i++)
            {
                Assert.IsTrue(lines[i].Length <= 76);
                if (i < lines.Length - 1)
                {
                    Assert.AreEqual(76, lines[i].Length);
                }

                joined.Append(lines[i]);
            }

            // The board's Convert.ToBase64String returns garbage for an empty array, so that case is spelled out.
            Assert.AreEqual(length == 0 ? string.Empty : Convert.ToBase64String(data), joined.ToString());
        }

        [TestMethod]
        [DataRow("Chamada: Cálculo I - 05/02/2024")]
        [DataRow("Ñandú Müller — 𝄞 música € çãõ")]
        [DataRow("ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé")]
        public void EncodedWords_are_short_and_round_trip(string text)
        {
            string[] words = HeaderEncoding.EncodedWords(text);
            StringBuilder decoded = new StringBuilder();
            for (int i = 0; i < words.Length; i++)
            {
                string word = words[i];
                Assert.IsTrue(word.Length <= 75, word);
                Assert.IsTrue(word.StartsWith("=?utf-8?B?") && word.EndsWith("?="));
                byte[] bytes = Convert.FromBase64String(word.Substring(10, word.Length - 12));
                // Each word must decode alone: no character is split across words (RFC 2047 section 5).
                string part = Encoding.UTF8.GetString(bytes, 0, bytes.Length);
                Assert.IsTrue(part.IndexOf('\uFFFD') < 0);
                decoded.Append(part);
            }

            Assert.AreEqual(text, decoded.ToString());
        }

        [TestMethod]
        public void Ascii_header_text_is_left_as_words()
        {
            string[] tokens = HeaderEncoding.UnstructuredTokens("Chamada: MAT101 - 05/02/2024");
            Assert.AreEqual(4, tokens.Length);
            Assert.AreEqual("MAT101", tokens[1]);
        }

        [TestMethod]
        [DataRow("Conceição", false)]
        [DataRow("Ana \"Nini\" Silva", true)]
        public void Phrase_is_quoted_when_ascii_and_encoded_otherwise(string name, bool quoted)
        {
            string[] tokens = HeaderEncoding.PhraseTokens(name);
            Assert.AreEqual(quoted, tokens[0].StartsWith("\""));
            if (quoted)
            {
                Assert.AreEqual("\"Ana \\\"Nini\\\" Silva\"", tokens[0]);
            }
        }

        [TestMethod]
        [DataRow("simple", "simple")]
        [DataRow("a;b", "\"a;b\"")]
        [DataRow("say \"hi\"", "\"say \"\"hi\"\"\"")]
        [DataRow("two\r\nlines", "\"two\r\nlines\"")]
        [DataRow("vírgula, ok", "vírgula, ok")]
        public void Csv_field_quotes_per_rfc4180(string value, string expected)
        {
            Assert.AreEqual(expected, CsvFormat.Field(value));
        }

        [TestMethod]
        [DataRow(10)]
        [DataRow(11)]
        [DataRow(12)]
        [DataRow(56)]
        public void Continuations_never_cut_a_percent_triplet(int maximum)
        {
            string name = "presença-Ñandú çãõ éééééé-2024-02-05.csv";
            string[] parameters = AttachmentFileName.ContinuationParameters("filename", name, maximum);
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < parameters.Length; i++)
            {
                string prefix = "filename*" + i.ToString() + "*=";
                Assert.IsTrue(parameters[i].StartsWith(prefix));
                string value = parameters[i].Substring(prefix.Length).TrimEnd(';');
                Assert.IsTrue(value.Length <= maximum);
                Assert.IsTrue(value.Length < 1 || value[value.Length - 1] != '%');
                Assert.IsTrue(value.Length < 2 || value[value.Length - 2] != '%');
                joined.Append(value);
            }

            Assert.AreEqual(AttachmentFileName.ExtendedValue(name), joined.ToString());
        }

        [TestMethod]
        [DataRow("presença-Cálculo I-2024-02-05.csv", "utf-8''presen%C3%A7a-C%C3%A1lculo%20I-2024-02-05.csv", "presen_a-C_lculo I-2024-02-05.csv")]
        [DataRow("a*b'c%.csv", "utf-8''a%2Ab%27c%25.csv", "a*b'c%.csv")]
        public void Attachment_file_name_has_rfc2231_and_ascii_forms(string name, string extended, string ascii)
        {
            Assert.AreEqual(extended, AttachmentFileName.ExtendedValue(name));
            Assert.AreEqual(ascii, AttachmentFileName.AsciiFallback(name));
        }

        [TestMethod]
        [DataRow("prof@escola.example", true)]
        [DataRow("a.b+c@d.e", true)]
        [DataRow("no-at-sign", false)]
        [DataRow("two@@at", false)]
        [DataRow("spa ce@x.y", false)]
        [DataRow("a@b\r\nRCPT TO:<x@y>", false)]
        [DataRow("ção@x.y", false)]
        [DataRow("@x.y", false)]
        [DataRow("", false)]
        public void Address_rules(string address, bool valid)
        {
            Assert.AreEqual(valid, MailAddressRules.IsValid(address));
        }

        [TestMethod]
        public void MessageId_is_stable_and_distinct_per_roll()
        {
            string first = MessageIdentity.MessageId("T12-2024_a", "x@escola.example");
            Assert.AreEqual(first, MessageIdentity.MessageId("T12-2024_a", "x@escola.example"));
            Assert.AreEqual("<roll.T12-2024_5Fa@escola.example>", first);
            Assert.AreNotEqual(first, MessageIdentity.MessageId("T12-2024.a", "x@escola.example"));
        }

        private static string EncodeQuotedPrintable(string line)
        {
            MailCaptureSink sink = new MailCaptureSink();
            MessageOutput output = new MessageOutput(sink, 7);
            byte[] utf8 = Encoding.UTF8.GetBytes(line);
            QuotedPrintableEncoder.WriteLine(output, utf8, 0, utf8.Length);
            output.Flush();
            return sink.Text();
        }

        /// <summary>A minimal QP decoder for the tests (soft breaks and =XX).</summary>
        public static string DecodeQuotedPrintable(string text)
        {
            // The characters once: on the board encoded[i] and encoded.Length count the UTF-8 string from its start
            // on every call, so indexing the string in this loop was quadratic in the body.
            char[] encoded = text.ToCharArray();
            byte[] bytes = new byte[encoded.Length];
            int count = 0;
            int i = 0;
            while (i < encoded.Length)
            {
                char c = encoded[i];
                if (c == '=' && i + 2 < encoded.Length && encoded[i + 1] == '\r' && encoded[i + 2] == '\n')
                {
                    i += 3;
                }
                else if (c == '=')
                {
                    bytes[count++] = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                    i += 3;
                }
                else
                {
                    bytes[count++] = (byte)c;
                    i++;
                }
            }

            string decoded = Encoding.UTF8.GetString(bytes, 0, count);
            return decoded.EndsWith("\r\n") ? decoded.Substring(0, decoded.Length - 2) : decoded;
        }

        public static string[] SplitCrLf(string text)
        {
            if (text.EndsWith("\r\n"))
            {
                text = text.Substring(0, text.Length - 2);
            }

            string[] parts = text.Split('\n');
            for (int i = 0; i < parts.Length; i++)
            {
                parts[i] = parts[i].TrimEnd('\r');
            }

            return parts;
        }

        private static int HexValue(char c)
        {
            return c <= '9' ? c - '0' : c - 'A' + 10;
        }
    }
}
