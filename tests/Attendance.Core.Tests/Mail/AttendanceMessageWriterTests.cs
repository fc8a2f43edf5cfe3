using System;
using System.Text;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Message;
using Attendance.Core.Tests.Fakes;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Mail
{
    [TestClass]
    public class AttendanceMessageWriterTests
    {
        [TestMethod]
        public void Message_has_the_required_headers()
        {
            string message = MailSampleReports.Render(MailSampleReports.Small(), MailSampleReports.Settings());
            string headers = message.Substring(0, message.IndexOf("\r\n\r\n") + 2);

            Assert.IsTrue(headers.StartsWith("From: \"Terminal sala 12\" <terminal-12@escola.example>\r\n"), headers);
            Assert.IsTrue(headers.IndexOf("\r\nTo: =?utf-8?B?") >= 0, headers);
            Assert.IsTrue(headers.IndexOf("<conceicao.araujo@escola.example>\r\n") >= 0, headers);
            Assert.IsTrue(headers.IndexOf("\r\nCc: secretaria@escola.example\r\n") >= 0, headers);
            Assert.IsTrue(headers.IndexOf("\r\nSubject: =?utf-8?B?") >= 0, headers);
            Assert.IsTrue(headers.IndexOf("\r\nDate: Mon, 05 Feb 2024 15:40:00 -0300\r\n") >= 0, headers);
            Assert.IsTrue(headers.IndexOf("\r\nMessage-ID: <roll.T12-20240205T170000Z@escola.example>\r\n") >= 0, headers);
            Assert.IsTrue(headers.IndexOf("\r\nMIME-Version: 1.0\r\n") >= 0, headers);
            Assert.IsTrue(headers.IndexOf("multipart/mixed;") >= 0, headers);
        }

        [TestMethod]
        public void Subject_round_trips_through_its_encoded_words()
        {
            RollReport report = MailSampleReports.Small();
            string message = MailSampleReports.Render(report, MailSampleReports.Settings());
            int start = message.IndexOf("\r\nSubject:") + 10;
            int end = message.IndexOf("\r\nDate:");
            string[] words = message.Substring(start, end - start).Split(' ', '\r', '\n');
            StringBuilder decoded = new StringBuilder();
            for (int i = 0; i < words.Length; i++)
            {
                if (words[i].Length == 0)
                {
                    continue;
                }

                byte[] bytes = Convert.FromBase64String(words[i].Substring(10, words[i].Length - 12));
                decoded.Append(Encoding.UTF8.GetString(bytes, 0, bytes.Length));
            }

            Assert.AreEqual("Chamada: Engenharia Civil - Cálculo Diferencial e Integral I - 05/02/2024", decoded.ToString());
        }

        [TestMethod]
        [DataRow(4)]
        [DataRow(400)]
        public void Every_line_ends_in_crlf_and_respects_the_limits(int students)
        {
            RollReport report = students == 4 ? MailSampleReports.Small() : MailSampleReports.Large(students);

            // The message as the sink received it, as bytes: on the board a string is UTF-8 and s[i] counts it from
            // the start on every call, so walking the 400-student message (97,000 characters) as a string was
            // quadratic: 71.7 s on the emulator. A message is 7-bit after encoding, so a byte is a character.
            byte[] message = MailSampleReports.RenderBytes(report, MailSampleReports.Settings());

            // First offence of each kind, -1 for none; positions are built into strings only when a check fails.
            int bareLf = -1;
            int bareCr = -1;
            int eightBit = -1;
            int longLine = -1;
            int longestLine = 0;
            int headerLines = -1;
            int lines = 0;
            int lineStart = 0;
            for (int i = 0; i < message.Length; i++)
            {
                byte value = message[i];
                if (value == (byte)'\n')
                {
                    if (i == 0 || message[i - 1] != (byte)'\r')
                    {
                        bareLf = bareLf < 0 ? i : bareLf;
                        lineStart = i + 1;
                        continue;
                    }

                    int length = i - 1 - lineStart;
                    if (length > 76 && longLine < 0)
                    {
                        longLine = lines;
                        longestLine = length;
                    }

                    if (length == 0 && headerLines < 0)
                    {
                        headerLines = lines;
                    }

                    lines++;
                    lineStart = i + 1;
                }
                else if (value == (byte)'\r')
                {
                    if (i + 1 >= message.Length || message[i + 1] != (byte)'\n')
                    {
                        bareCr = bareCr < 0 ? i : bareCr;
                    }
                }
                else if (value >= 127 && eightBit < 0)
                {
                    eightBit = i;
                }
            }

            Assert.AreEqual(-1, bareLf, "bare LF at this offset");
            Assert.AreEqual(-1, bareCr, "bare CR at this offset");
            Assert.AreEqual(-1, eightBit, "8-bit character at this offset");
            Assert.AreEqual(-1, longLine, "this line is longer than 76 characters: " + longestLine.ToString());
            Assert.IsTrue(headerLines > 0, "the message starts with its header lines, then an empty line");
            Assert.AreEqual(message.Length, lineStart, "the message ends with CRLF");
            Assert.IsTrue(lines > (students == 4 ? 30 : 800), "lines: " + lines.ToString());

            byte[] end = Encoding.UTF8.GetBytes("\r\n--" + AttendanceMessageWriter.Boundary + "--\r\n");
            for (int i = 0; i < end.Length; i++)
            {
                Assert.AreEqual((int)end[i], (int)message[message.Length - end.Length + i], "the message ends with its closing boundary");
            }
        }

        [TestMethod]
        public void Body_lists_students_with_flags_and_counts()
        {
            string body = DecodedBody(MailSampleReports.Render(MailSampleReports.Small(), MailSampleReports.Settings()));

            Assert.IsTrue(body.IndexOf("Curso: Engenharia Civil (ENG)") >= 0, body);
            Assert.IsTrue(body.IndexOf("Disciplina: Cálculo Diferencial e Integral I (MAT101)") >= 0, body);
            Assert.IsTrue(body.IndexOf("Professor: Conceição Araújo (P0042)") >= 0, body);
            Assert.IsTrue(body.IndexOf("Abertura: 14:00") >= 0, body);
            Assert.IsTrue(body.IndexOf("Encerramento: 15:40") >= 0, body);
            Assert.IsTrue(body.IndexOf("Início da aula: 14:00") >= 0, body);
            Assert.IsTrue(body.IndexOf("  1. 20231234  João Conceição  14:02:10\r\n") >= 0, body);
            Assert.IsTrue(body.IndexOf("  2. 20239876  Ñandú Müller  14:20:00  [NÃO MATRICULADO, ATRASADO]") >= 0, body);
            Assert.IsTrue(body.IndexOf("  3. 99999  (nome desconhecido)  14:21:05  [NÃO É ALUNO, ATRASADO]") >= 0, body);
            Assert.IsTrue(body.IndexOf("  4. 20230001  .Ponto; \"Aspas\" = igual   14:03:00") >= 0, body);
            Assert.IsTrue(body.IndexOf("Totais: presentes 4, matriculados 2, não matriculados 1, desconhecidos 1, atrasados 2") >= 0, body);
        }

        [TestMethod]
        public void Late_is_not_reported_when_the_class_start_is_unknown()
        {
            RollReport report = MailSampleReports.Small();
            report.ClassStartMinuteOfDay = -1;
            string body = DecodedBody(MailSampleReports.Render(report, MailSampleReports.Settings()));

            Assert.IsTrue(body.IndexOf("ATRASADO") < 0, body);
            Assert.IsTrue(body.IndexOf("atrasados") < 0, body);
            Assert.IsTrue(body.IndexOf("[NÃO MATRICULADO]") >= 0, body);
        }

        [TestMethod]
        public void English_uses_the_english_table()
        {
            MessageSettings settings = MailSampleReports.Settings();
            settings.Language = MessageLanguage.English;
            string body = DecodedBody(MailSampleReports.Render(MailSampleReports.Small(), settings));

            Assert.IsTrue(body.IndexOf("Class: Cálculo Diferencial e Integral I (MAT101)") >= 0, body);
            Assert.IsTrue(body.IndexOf("Date: 2024-02-05") >= 0, body);
            Assert.IsTrue(body.IndexOf("[NOT ENROLLED, LATE]") >= 0, body);
        }

        [TestMethod]
        [DataRow(false, "  2. 20239876  (nome ilegível)  14:20:00  [NÃO MATRICULADO, ATRASADO]", "(nome desconhecido)")]
        [DataRow(true, "  2. 20239876  (name unreadable)  14:20:00  [NOT ENROLLED, LATE]", "(unknown name)")]
        public void An_unreadable_name_is_said_so_in_both_languages(bool english, string expectedLine, string unknownName)
        {
            RollReport report = MailSampleReports.Small();
            report.Entries[1].StudentName = null;
            report.Entries[1].NameUnreadable = true;
            MessageSettings settings = MailSampleReports.Settings();
            settings.Language = english ? MessageLanguage.English : MessageLanguage.Portuguese;

            string body = DecodedBody(MailSampleReports.Render(report, settings));

            Assert.IsTrue(body.IndexOf(expectedLine + "\r\n") >= 0, body);
            Assert.IsTrue(body.IndexOf("  3. 99999  " + unknownName) >= 0, body);
        }

        [TestMethod]
        public void Csv_attachment_has_bom_header_and_quoted_fields()
        {
            string message = MailSampleReports.Render(MailSampleReports.Small(), MailSampleReports.Settings());
            int headerAt = message.IndexOf("Content-Type: text/csv;");
            Assert.IsTrue(headerAt > 0);
            string partHeaders = message.Substring(headerAt, message.IndexOf("\r\n\r\n", headerAt) - headerAt);
            Assert.IsTrue(partHeaders.IndexOf("Content-Disposition: attachment;") >= 0, partHeaders);
            Assert.IsTrue(partHeaders.IndexOf("filename=\"presen_a-C_lculo Diferencial e Integral I-2024-02-05.csv\";") >= 0, partHeaders);
            Assert.IsTrue(partHeaders.IndexOf("filename*0*=utf-8''presen%C3%A7a-C%C3%A1lculo%20Diferencial%20e%20In;") >= 0, partHeaders);
            Assert.IsTrue(partHeaders.EndsWith("\r\n filename*1*=tegral%20I-2024-02-05.csv"), partHeaders);

            int dataStart = message.IndexOf("\r\n\r\n", headerAt) + 4;
            int dataEnd = message.IndexOf("\r\n--" + AttendanceMessageWriter.Boundary + "--");
            string base64 = message.Substring(dataStart, dataEnd - dataStart);
            byte[] csv = Convert.FromBase64String(StripLineBreaks(base64));
            Assert.AreEqual(0xEF, (int)csv[0]);
            Assert.AreEqual(0xBB, (int)csv[1]);
            Assert.AreEqual(0xBF, (int)csv[2]);
            string text = Encoding.UTF8.GetString(csv, 3, csv.Length - 3);
            string[] records = MailEncodingTests.SplitCrLf(text);
            Assert.AreEqual(5, records.Length);
            Assert.AreEqual("codigo;nome;data;hora;situacao;atrasado", records[0]);
            Assert.AreEqual("20231234;João Conceição;05/02/2024;14:02:10;matriculado;não", records[1]);
            Assert.AreEqual("20239876;Ñandú Müller;05/02/2024;14:20:00;NÃO MATRICULADO;sim", records[2]);
            Assert.AreEqual("99999;;05/02/2024;14:21:05;NÃO É ALUNO;sim", records[3]);
            Assert.AreEqual("20230001;\".Ponto; \"\"Aspas\"\" = igual \";05/02/2024;14:03:00;matriculado;não", records[4]);
        }

        [TestMethod]
        public void Rendering_twice_gives_the_same_bytes()
        {
            string first = MailSampleReports.Render(MailSampleReports.Small(), MailSampleReports.Settings());
            string second = MailSampleReports.Render(MailSampleReports.Small(), MailSampleReports.Settings());
            Assert.AreEqual(first, second);
        }

        [TestMethod]
        public void Writer_streams_in_small_chunks()
        {
            MailCaptureSink sink = new MailCaptureSink();
            long size = AttendanceMessageWriter.Write(MailSampleReports.Large(400), MailSampleReports.Settings(), sink);

            Assert.AreEqual((int)size, sink.Length);
            Assert.IsTrue(sink.LargestChunk <= AttendanceMessageWriter.ChunkSize);
            Assert.IsTrue(sink.Writes > 100);
        }

        [TestMethod]
        [DataRow("not-an-address", "prof@escola.example")]
        [DataRow("terminal@escola.example", "bad address@x")]
        public void Invalid_addresses_are_refused_before_writing(string sender, string professor)
        {
            AssertRefusedBeforeWriting(sender, professor);
        }

        // Not a [DataRow]: the board's metadata processor cannot store a null attribute argument (NANO015).
        [TestMethod]
        public void A_missing_professor_address_is_refused_before_writing()
        {
            AssertRefusedBeforeWriting("terminal@escola.example", null);
        }

        private static void AssertRefusedBeforeWriting(string sender, string professor)
        {
            RollReport report = MailSampleReports.Small();
            report.ProfessorEmail = professor;
            MessageSettings settings = MailSampleReports.Settings();
            settings.SenderAddress = sender;
            MailCaptureSink sink = new MailCaptureSink();

            Expect.Throws(typeof(InvalidMessageException), delegate { AttendanceMessageWriter.Write(report, settings, sink); });
            Assert.AreEqual(0, sink.Length);
        }

        [TestMethod]
        [DataRow(false, "Código de verificação: 7KQ2-M9XD-4RTB-0HZC")]
        [DataRow(true, "Verification code: 7KQ2-M9XD-4RTB-0HZC")]
        public void The_verification_code_is_a_body_line_and_a_header(bool english, string line)
        {
            RollReport report = MailSampleReports.Small();
            report.VerificationCode = "7KQ2-M9XD-4RTB-0HZC";
            MessageSettings settings = MailSampleReports.Settings();
            settings.Language = english ? MessageLanguage.English : MessageLanguage.Portuguese;

            string message = MailSampleReports.Render(report, settings);
            string headers = message.Substring(0, message.IndexOf("\r\n\r\n") + 2);

            Assert.IsTrue(DecodedBody(message).IndexOf("\r\n" + line + "\r\n") > 0, DecodedBody(message));
            Assert.IsTrue(headers.IndexOf("\r\nX-Attendance-Verification: 7KQ2-M9XD-4RTB-0HZC\r\n") > 0, headers);
        }

        [TestMethod]
        public void A_report_without_a_code_has_neither_line_nor_header()
        {
            string message = MailSampleReports.Render(MailSampleReports.Small(), MailSampleReports.Settings());

            Assert.IsTrue(message.IndexOf("X-Attendance-Verification") < 0);
            Assert.IsTrue(DecodedBody(message).IndexOf("verificação") < 0);
        }

        /// <summary>The first (text/plain) part, quoted-printable decoded.</summary>
        public static string DecodedBody(string message)
        {
            int partStart = message.IndexOf("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
            int start = partStart + "Content-Transfer-Encoding: quoted-printable\r\n\r\n".Length;
            int end = message.IndexOf("\r\n--" + AttendanceMessageWriter.Boundary, start);
            return MailEncodingTests.DecodeQuotedPrintable(message.Substring(start, end - start + 2));
        }

        private static string StripLineBreaks(string text)
        {
            // The characters once, not text[i]: on the board that counts the UTF-8 string from its start every call.
            char[] characters = text.ToCharArray();
            StringBuilder result = new StringBuilder(characters.Length);
            for (int i = 0; i < characters.Length; i++)
            {
                if (characters[i] != '\r' && characters[i] != '\n')
                {
                    result.Append(characters[i]);
                }
            }

            return result.ToString();
        }
    }
}
