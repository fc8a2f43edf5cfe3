using Attendance.Core.Lookup;

namespace Attendance.Core.Mail.Message
{
    /// <summary>
    /// Writes the attendance e-mail (RFC 5322 + MIME, RFC 2045-2047) for a roll report straight into a sink, in
    /// small chunks: a multipart/mixed with a quoted-printable text/plain body and a base64 text/csv attachment.
    /// The output is deterministic for a given report and settings (Date is the roll's close, Message-ID comes from
    /// the RollId), so a retry sends byte-for-byte the same message.
    /// </summary>
    public static class AttendanceMessageWriter
    {
        /// <summary>
        /// "=_" cannot occur in quoted-printable (an '=' is followed by hex digits or a line break) nor in base64,
        /// so this boundary never collides with part content (RFC 2046 section 5.1.1).
        /// </summary>
        public const string Boundary = "=_AttendanceRoll_1";

        /// <summary>Header carrying the verification code (docs/protocol.md, "Verification code"), when the report has one.</summary>
        public const string VerificationHeader = "X-Attendance-Verification";

        /// <summary>Size of the chunks handed to the sink.</summary>
        public const int ChunkSize = 256;

        /// <summary>Envelope recipients: the professor, then every configured Cc address.</summary>
        public static string[] Recipients(RollReport report, MessageSettings settings)
        {
            int ccCount = settings.CcAddresses == null ? 0 : settings.CcAddresses.Length;
            string[] recipients = new string[1 + ccCount];
            recipients[0] = report.ProfessorEmail;
            for (int i = 0; i < ccCount; i++)
            {
                recipients[1 + i] = settings.CcAddresses[i];
            }

            return recipients;
        }

        /// <summary>Throws <see cref="InvalidMessageException"/> when an address would corrupt the message or envelope.</summary>
        public static void Validate(RollReport report, MessageSettings settings)
        {
            if (!MailAddressRules.IsValid(settings.SenderAddress))
            {
                throw new InvalidMessageException("The configured sender address is not a valid address.");
            }

            string[] recipients = Recipients(report, settings);
            for (int i = 0; i < recipients.Length; i++)
            {
                if (!MailAddressRules.IsValid(recipients[i]))
                {
                    throw new InvalidMessageException("Recipient address '" + (recipients[i] == null ? "(none)" : recipients[i])
                        + "' is not a valid address.");
                }
            }
        }

        /// <summary>The subject: "Chamada: Course - Class - 05/02/2024" (names when known, else codes).</summary>
        public static string Subject(RollReport report, MessageText text)
        {
            string course = report.CourseName != null ? report.CourseName : report.CourseCode;
            string classText = report.ClassName != null ? report.ClassName : report.ClassCode;
            string subject = text.SubjectPrefix + ":";
            if (course != null)
            {
                subject += " " + course + " -";
            }

            subject += " " + (classText != null ? classText : text.NoClass);
            return subject + " - " + MailDateFormat.LocalDate(report.OpenedUtc, report.UtcOffsetMinutes, text.DayFirstDates);
        }

        /// <summary>Writes the whole message and returns its size in bytes.</summary>
        public static long Write(RollReport report, MessageSettings settings, IMessageSink sink)
        {
            Validate(report, settings);
            MessageText text = MessageText.For(settings.Language);
            MessageOutput output = new MessageOutput(sink, ChunkSize);
            WriteHeaders(report, settings, text, output);

            output.WriteLine("--" + Boundary);
            output.WriteLine("Content-Type: text/plain; charset=utf-8");
            output.WriteLine("Content-Transfer-Encoding: quoted-printable");
            output.WriteCrLf();
            AttendanceBody.Write(report, text, new QuotedPrintableLineSink(output));

            output.WriteLine("--" + Boundary);
            WriteAttachmentHeaders(report, text, output);
            Base64LineSink csv = new Base64LineSink(output, true);
            AttendanceCsv.Write(report, text, csv);
            csv.Finish();

            output.WriteLine("--" + Boundary + "--");
            output.Flush();
            return output.TotalBytes;
        }

        private static void WriteHeaders(RollReport report, MessageSettings settings, MessageText text, MessageOutput output)
        {
            HeaderLineWriter header = new HeaderLineWriter(output);
            header.Start("From");
            Mailbox(header, settings.SenderName, settings.SenderAddress, true);
            header.End();

            header.Start("To");
            Mailbox(header, report.ProfessorName, report.ProfessorEmail, true);
            header.End();

            if (settings.CcAddresses != null && settings.CcAddresses.Length > 0)
            {
                header.Start("Cc");
                for (int i = 0; i < settings.CcAddresses.Length; i++)
                {
                    Mailbox(header, null, settings.CcAddresses[i], i == settings.CcAddresses.Length - 1);
                }

                header.End();
            }

            header.Start("Subject");
            string[] subject = HeaderEncoding.UnstructuredTokens(Subject(report, text));
            for (int i = 0; i < subject.Length; i++)
            {
                header.Token(subject[i]);
            }

            header.End();
            header.Start("Date");
            string[] date = MailDateFormat.Rfc5322(report.ClosedUtc, report.UtcOffsetMinutes).Split(' ');
            for (int i = 0; i < date.Length; i++)
            {
                header.Token(date[i]);
            }

            header.End();
            header.Field("Message-ID", MessageIdentity.MessageId(report.RollId, settings.SenderAddress));
            if (report.VerificationCode != null)
            {
                // For tools (the portal's .eml check, filters): the same code as the body's line, unencoded ASCII.
                header.Field(VerificationHeader, report.VerificationCode);
            }

            header.Field("MIME-Version", "1.0");
            header.Start("Content-Type");
            header.Token("multipart/mixed;");
            header.Token("boundary=\"" + Boundary + "\"");
            header.End();
            output.WriteCrLf();
        }

        private static void Mailbox(HeaderLineWriter header, string displayName, string address, bool last)
        {
            string angle = last ? "<" + address + ">" : "<" + address + ">,";
            if (displayName == null || displayName.Length == 0)
            {
                header.Token(last ? address : address + ",");
                return;
            }

            string[] phrase = HeaderEncoding.PhraseTokens(displayName);
            for (int i = 0; i < phrase.Length; i++)
            {
                header.Token(phrase[i]);
            }

            header.Token(angle);
        }

        private static void WriteAttachmentHeaders(RollReport report, MessageText text, MessageOutput output)
        {
            string isoDate = MailDateFormat.LocalDate(report.OpenedUtc, report.UtcOffsetMinutes, false);
            string fileName = AttachmentFileName.For(text.FileNameWord,
                report.ClassName != null ? report.ClassName : report.ClassCode, isoDate);
            HeaderLineWriter header = new HeaderLineWriter(output);
            header.Start("Content-Type");
            header.Token("text/csv;");
            header.Token("charset=utf-8;");
            header.Token("header=present");
            header.End();
            header.Field("Content-Transfer-Encoding", "base64");
            header.Start("Content-Disposition");
            header.Token("attachment;");
            header.Token("filename=\"" + AttachmentFileName.AsciiFallback(fileName) + "\";");
            string[] extended = AttachmentFileName.ContinuationParameters("filename", fileName, 56);
            for (int i = 0; i < extended.Length; i++)
            {
                header.Token(extended[i]);
            }
            header.End();
            output.WriteCrLf();
        }
    }
}
