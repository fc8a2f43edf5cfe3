using System;
using Attendance.Core.Hardware;
using Attendance.Core.Logging;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Roll;

namespace Attendance.Core.Health
{
    /// <summary>
    /// One health report, taken at one moment: the SAUDE line's fields and up to
    /// <see cref="HealthProtocol.MaximumLogLines"/> SAUDELOG lines (docs/protocol.md, "Terminal health"). Built on
    /// the network worker; holds a few short strings, nothing per student or per roll, so its heap cost is fixed.
    /// No personal data: no card codes (log lines below Warning, where swipes are, are never read), no names, no
    /// addresses (<see cref="HealthText"/>).
    /// </summary>
    public sealed class HealthReport
    {
        /// <summary>A number the platform could not read (free memory, Wi-Fi signal).</summary>
        public const int Unknown = HealthSourceValues.Unknown;

        /// <summary>Roll states as the report names them.</summary>
        public const string RollClosed = "fechada";
        public const string RollOpen = "aberta";
        public const string RollClosing = "fechando";

        public string Firmware = string.Empty;
        public string Board = string.Empty;
        public long UptimeSeconds;
        public long FreeMemoryBytes = Unknown;
        public string IpAddress = string.Empty;
        public int WifiSignalDbm = Unknown;
        public string RollState = RollClosed;

        /// <summary>Rolls waiting for their e-mail or lookup (Pending, WaitingForLookup).</summary>
        public int OutboxPending;

        /// <summary>Rolls whose e-mail failed transiently and waits for its retry.</summary>
        public int OutboxRetrying;

        /// <summary>Rolls whose e-mail failed for good, kept for a person (resendable).</summary>
        public int OutboxFailed;

        /// <summary>Rolls whose e-mail went but whose upload to the server is still pending.</summary>
        public int UploadsPending;

        public string ClockSource = UnknownClockSettingsStatus.UnknownSource;
        public bool ClockSkewKnown;
        public int ClockSkewSeconds;
        public string SettingsRejected = string.Empty;

        /// <summary>Seconds until the next heartbeat (the server judges a terminal offline from it).</summary>
        public int IntervalSeconds;

        /// <summary>The first <see cref="HealthProtocol.MaximumFailedRolls"/> rolls whose e-mail failed for good, and why.</summary>
        public string[] FailedRollIds = new string[0];
        public string[] FailedReasons = new string[0];

        /// <summary>The last warning and error lines, oldest first: "yyyyMMddTHHmmssZ", "WRN"/"ERR", text.</summary>
        public string[] LogTimes = new string[0];
        public string[] LogLevels = new string[0];
        public string[] LogTexts = new string[0];

        /// <summary>Takes a report now. Every argument but <paramref name="clock"/> may be null (its part is then "unknown").</summary>
        public static HealthReport Take(IClock clock, IHealthSource source, IClockSettingsStatus status, RollState rollState,
            OutboxEntry[] entries, LogRing ring, int intervalSeconds)
        {
            HealthReport report = new HealthReport();
            report.IntervalSeconds = intervalSeconds;
            report.UptimeSeconds = clock.MonotonicMilliseconds / 1000;
            if (source != null)
            {
                report.Firmware = HealthText.Clean(source.FirmwareVersion, HealthProtocol.MaximumShortText);
                report.Board = HealthText.Clean(source.Board, HealthProtocol.MaximumShortText);
                report.FreeMemoryBytes = source.FreeMemoryBytes();
                report.IpAddress = HealthText.Clean(source.IpAddress(), 45);
                report.WifiSignalDbm = source.WifiSignalDbm();
            }

            report.RollState = rollState == Roll.RollState.Open ? RollOpen : rollState == Roll.RollState.Closing ? RollClosing : RollClosed;
            if (entries != null)
            {
                report.ListFailed(entries);
                for (int i = 0; i < entries.Length; i++)
                {
                    OutboxEntry entry = entries[i];
                    if (entry.Status == OutboxEntryStatus.Failed)
                    {
                        report.OutboxFailed++;
                    }
                    else if (entry.Status == OutboxEntryStatus.RetryScheduled)
                    {
                        report.OutboxRetrying++;
                    }
                    else if (entry.Status == OutboxEntryStatus.Pending || entry.Status == OutboxEntryStatus.WaitingForLookup)
                    {
                        if (entry.MailAccepted)
                        {
                            report.UploadsPending++;
                        }
                        else
                        {
                            report.OutboxPending++;
                        }
                    }
                }
            }

            if (status != null)
            {
                report.ClockSource = HealthText.Clean(status.ClockSource, HealthProtocol.MaximumShortText);
                report.ClockSkewKnown = status.ClockSkewKnown;
                report.ClockSkewSeconds = status.ClockSkewSeconds;
                report.SettingsRejected = HealthText.Clean(status.SettingsRejectedReason, HealthProtocol.MaximumReasonText);
            }

            if (ring != null)
            {
                report.ReadLog(ring);
            }

            return report;
        }

        /// <summary>Queues the SAUDELOG lines and the SAUDE line; returns how many lines were queued (each gets one answer).</summary>
        public int Queue(LookupExchange exchange)
        {
            for (int i = 0; i < FailedRollIds.Length; i++)
            {
                exchange.Queue2(HealthProtocol.FailedRoll, FailedRollIds[i], FailedReasons[i]);
            }

            for (int i = 0; i < LogTexts.Length; i++)
            {
                exchange.Queue3(HealthProtocol.LogLine, LogTimes[i], LogLevels[i], LogTexts[i]);
            }

            string[] fields = new string[HealthProtocol.ReportArguments];
            fields[0] = Firmware;
            fields[1] = Board;
            fields[2] = UptimeSeconds.ToString();
            fields[3] = FreeMemoryBytes < 0 ? string.Empty : FreeMemoryBytes.ToString();
            fields[4] = IpAddress;
            fields[5] = WifiSignalDbm == Unknown ? string.Empty : WifiSignalDbm.ToString();
            fields[6] = RollState;
            fields[7] = OutboxPending.ToString();
            fields[8] = OutboxRetrying.ToString();
            fields[9] = OutboxFailed.ToString();
            fields[10] = UploadsPending.ToString();
            fields[11] = ClockSource;
            fields[12] = ClockSkewKnown ? ClockSkewSeconds.ToString() : string.Empty;
            fields[13] = SettingsRejected;
            fields[14] = IntervalSeconds.ToString();
            exchange.Queue(HealthProtocol.Report, fields);
            return FailedRollIds.Length + LogTexts.Length + 1;
        }

        /// <summary>The newest warning and error lines of the ring, oldest first; lines below Warning are never read.</summary>
        private void ReadLog(LogRing ring)
        {
            LogRingLine line = ring.NewLine();
            int count = ring.Count;
            int[] picked = new int[HealthProtocol.MaximumLogLines];
            int found = 0;
            for (int index = count - 1; index >= 0 && found < picked.Length; index--)
            {
                if (ring.TryRead(index, line) && line.Level >= LogLevel.Warning)
                {
                    picked[found++] = index;
                }
            }

            LogTimes = new string[found];
            LogLevels = new string[found];
            LogTexts = new string[found];
            int kept = 0;
            for (int i = found - 1; i >= 0; i--)
            {
                // A line logged meanwhile shifts the indexes by one at most per line: a shifted read still gives a
                // warning-or-worse line or is skipped, never a swipe line (the level is checked again).
                if (!ring.TryRead(picked[i], line) || line.Level < LogLevel.Warning)
                {
                    continue;
                }

                LogTimes[kept] = line.UtcTicks <= 0 ? string.Empty : UploadProtocol.FormatUtc(new DateTime(line.UtcTicks));
                LogLevels[kept] = LogLevelName.Of(line.Level);
                LogTexts[kept] = HealthText.Clean(line.Text, HealthProtocol.MaximumLogText);
                kept++;
            }

            if (kept < found)
            {
                LogTimes = Shorten(LogTimes, kept);
                LogLevels = Shorten(LogLevels, kept);
                LogTexts = Shorten(LogTexts, kept);
            }
        }

        /// <summary>Roll ids are the terminal's own (terminal, time, counter): no personal data. Reasons are cleaned like log lines.</summary>
        private void ListFailed(OutboxEntry[] entries)
        {
            int count = 0;
            for (int i = 0; i < entries.Length; i++)
            {
                if (entries[i].Status == OutboxEntryStatus.Failed && count < HealthProtocol.MaximumFailedRolls)
                {
                    count++;
                }
            }

            FailedRollIds = new string[count];
            FailedReasons = new string[count];
            int kept = 0;
            for (int i = 0; i < entries.Length && kept < count; i++)
            {
                if (entries[i].Status == OutboxEntryStatus.Failed)
                {
                    FailedRollIds[kept] = HealthText.Clean(entries[i].RollId, HealthProtocol.MaximumRollId);
                    FailedReasons[kept] = HealthText.Clean(entries[i].LastError, HealthProtocol.MaximumFailureText);
                    kept++;
                }
            }
        }

        private static string[] Shorten(string[] values, int length)
        {
            string[] result = new string[length];
            Array.Copy(values, result, length);
            return result;
        }
    }
}
