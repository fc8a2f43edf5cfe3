using System;
using Attendance.Core.Hardware;
using Attendance.Core.Security;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// The roll upload (docs/protocol.md, "Uploading a roll"): CHAMADA, one PRESENCA per student, FIMCHAMADA with
    /// the verification code, written in as few writes as the exchange's buffer allows and answered in order. The
    /// students are read one at a time from the report (on flash in the outbox), like the e-mail reads them, so the
    /// heap holds no list of them: the code is one pass over them, the upload another.
    /// </summary>
    public static class RollUpload
    {
        /// <summary>The verification code of <paramref name="report"/> with the terminal's key (one pass over its students).</summary>
        public static string ComputeCode(LookupClientSettings settings, RollReport report)
        {
            VerificationCode code = new VerificationCode(settings.TerminalKey, settings.TerminalId, report.RollId, report.ProfessorCode,
                Empty(report.ClassCode), UploadProtocol.FormatUtc(report.OpenedUtc), UploadProtocol.FormatUtc(report.ClosedUtc),
                LateAfterText(settings, report), Flag(report.ClosedAutomatically), report.EntryCount);
            ReportEntryReader entries = report.OpenEntries();
            while (entries.Next())
            {
                code.AddPresence(entries.Current.StudentCode, entries.Current.SwipeUtc);
            }

            return code.Finish();
        }

        /// <summary>
        /// Queues and writes the upload of <paramref name="report"/>, whose <see cref="RollReport.VerificationCode"/>
        /// is set. Returns the number of PRESENCA lines written (the report's count unless a stored line no longer
        /// reads back: the server then answers "chamada incompleta").
        /// </summary>
        public static int Write(LookupExchange exchange, LookupClientSettings settings, RollReport report)
        {
            exchange.Queue(UploadProtocol.RollStart, new string[]
            {
                report.RollId, report.ProfessorCode, Empty(report.ClassCode), UploadProtocol.FormatUtc(report.OpenedUtc),
                UploadProtocol.FormatUtc(report.ClosedUtc), LateAfterText(settings, report), Flag(report.ClosedAutomatically),
                report.EntryCount.ToString(),
            });
            int presences = 0;
            ReportEntryReader entries = report.OpenEntries();
            while (entries.Next())
            {
                exchange.Queue2(UploadProtocol.Presence, entries.Current.StudentCode, UploadProtocol.FormatUtc(entries.Current.SwipeUtc));
                presences++;
            }

            exchange.Queue2(UploadProtocol.RollEnd, report.RollId, report.VerificationCode);
            exchange.Flush();
            return presences;
        }

        /// <summary>
        /// Reads the upload's answers in order: OK to CHAMADA and to each PRESENCA, then CHAMADAGUARDADA|roll id.
        /// Stops at the first answer that is not the expected one (the caller closes the connection). ERRO|comando
        /// desconhecido to CHAMADA is an older server: <see cref="UploadOutcome.NotSupported"/>. Lets
        /// <see cref="NetworkException"/> through (a cut or a timeout: the whole upload is sent again later).
        /// </summary>
        public static UploadResult ReadAnswers(LookupExchange exchange, RollReport report, int presences)
        {
            string[] answer = exchange.ReadFields();
            if (IsError(answer) && answer[1] == UploadProtocol.UnknownCommand)
            {
                return UploadResult.Of(UploadOutcome.NotSupported);
            }

            UploadResult failure = ExpectOk(answer, UploadProtocol.RollStart);
            for (int i = 0; failure == null && i < presences; i++)
            {
                failure = ExpectOk(exchange.ReadFields(), UploadProtocol.Presence);
            }

            if (failure != null)
            {
                return failure;
            }

            answer = exchange.ReadFields();
            if (IsError(answer))
            {
                return ErrorAnswer(UploadProtocol.RollEnd, answer[1]);
            }

            if (answer != null && answer.Length == 2 && answer[0] == UploadProtocol.RollStored && answer[1] == report.RollId)
            {
                return UploadResult.Of(UploadOutcome.Stored);
            }

            return UploadResult.Failed("Unexpected answer to " + UploadProtocol.RollEnd + ": expected " + UploadProtocol.RollStored + " and the roll id.", false);
        }

        /// <summary>
        /// The upload as the last step of an exchange whose lookup is complete: every failure, a cut connection
        /// included, becomes the result (the report stands; the outbox uploads again on its own).
        /// </summary>
        public static UploadResult Run(LookupExchange exchange, LookupClientSettings settings, RollReport report)
        {
            try
            {
                int presences = Write(exchange, settings, report);
                return ReadAnswers(exchange, report, presences);
            }
            catch (NetworkException exception)
            {
                return UploadResult.Failed("The upload was cut: " + exception.Message, true);
            }
            catch (LookupException exception)
            {
                return UploadResult.Failed("The upload could not be written: " + exception.Message, exception.Failure != LookupFailure.ProtocolViolation);
            }
        }

        /// <summary>
        /// The "late after" field: the report's, or for a report stored before it was kept, worked out again with
        /// the rule of the lookup at close (class start plus the grace, on the opening day).
        /// </summary>
        public static string LateAfterText(LookupClientSettings settings, RollReport report)
        {
            DateTime lateAfter = report.LateAfterKnown ? report.LateAfterUtc
                : LatestOnTimeUtc(report.OpenedUtc, report.UtcOffsetMinutes, report.ClassStartMinuteOfDay, settings.LateGraceMinutes);
            return lateAfter == DateTime.MinValue ? string.Empty : UploadProtocol.FormatUtc(lateAfter);
        }

        /// <summary>
        /// The last on-time instant of a roll: the class's start on the local opening day plus the grace, in UTC;
        /// <see cref="DateTime.MinValue"/> when the start is unknown (-1).
        /// </summary>
        public static DateTime LatestOnTimeUtc(DateTime openedUtc, int utcOffsetMinutes, int classStartMinuteOfDay, int lateGraceMinutes)
        {
            if (classStartMinuteOfDay < 0)
            {
                return DateTime.MinValue;
            }

            DateTime startLocal = LookupTime.ToLocal(openedUtc, utcOffsetMinutes).Date.AddMinutes(classStartMinuteOfDay);
            return startLocal.AddMinutes(lateGraceMinutes - utcOffsetMinutes);
        }

        private static UploadResult ExpectOk(string[] answer, string command)
        {
            if (IsError(answer))
            {
                return ErrorAnswer(command, answer[1]);
            }

            if (answer == null || answer.Length != 1 || answer[0] != LookupProtocol.Ok)
            {
                return UploadResult.Failed("Unexpected answer to " + command + ": expected OK.", false);
            }

            return null;
        }

        private static UploadResult ErrorAnswer(string command, string reason)
        {
            // The reason is the protocol's own text (docs/protocol.md), never data; passing trouble is retried as such.
            return UploadResult.Failed("The lookup server answered " + command + " with an error: " + reason, LookupAnswers.IsPassing(reason));
        }

        private static bool IsError(string[] answer)
        {
            return answer != null && answer.Length == 2 && answer[0] == LookupProtocol.Error;
        }

        private static string Empty(string value)
        {
            return value == null ? string.Empty : value;
        }

        private static string Flag(bool value)
        {
            return value ? "1" : "0";
        }
    }
}
