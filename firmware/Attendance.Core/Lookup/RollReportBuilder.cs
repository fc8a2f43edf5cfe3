using System;
using Attendance.Core.Roll;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// Builds a <see cref="RollReport"/> from a <see cref="ClosedRoll"/> over one pipelined connection to the
    /// lookup server (see <see cref="RollLookup"/> for the steps). Not for concurrent use: the board closes one
    /// roll at a time.
    /// </summary>
    public class RollReportBuilder : IRollReportBuilder, IRollUploader
    {
        private readonly LookupClient _client;

        public RollReportBuilder(LookupClient client)
        {
            _client = client;
        }

        /// <summary>Round trips of the last build (4 when a class and course were found, whatever the roll size).</summary>
        public int LastRoundTrips
        {
            get { return _client.LastRoundTrips; }
        }

        /// <summary>The report with its lines in RAM (<see cref="RollReport.Entries"/>): tests and PC tools.</summary>
        public RollReport Build(ClosedRoll roll)
        {
            return Build(roll, null);
        }

        public RollReport Build(ClosedRoll roll, ReportEntryArea area)
        {
            RollLookup lookup = new RollLookup(_client, roll, area != null ? area : new MemoryReportArea(), false);
            return (RollReport)_client.Run(new LookupOperation(lookup.Execute));
        }

        /// <summary>The close-time exchange with the upload as step 5 (<see cref="IRollUploader.BuildAndUpload"/>).</summary>
        public RollReport BuildAndUpload(ClosedRoll roll, ReportEntryArea area)
        {
            RollLookup lookup = new RollLookup(_client, roll, area != null ? area : new MemoryReportArea(), true);
            return (RollReport)_client.Run(new LookupOperation(lookup.Execute));
        }

        /// <summary>The upload alone over a new connection (<see cref="IRollUploader.Upload"/>).</summary>
        public UploadResult Upload(RollReport report)
        {
            LookupClientSettings settings = _client.Settings;
            if (settings.TerminalKey == null)
            {
                return UploadResult.Of(UploadOutcome.NotRequired);
            }

            try
            {
                if (report.VerificationCode == null)
                {
                    // A report stored by firmware older than the upload: its code is worked out now, the same way.
                    report.VerificationCode = RollUpload.ComputeCode(settings, report);
                }

                return (UploadResult)_client.Run(new LookupOperation(new UploadAlone(_client, report).Execute));
            }
            catch (LookupException exception)
            {
                // Unreachable, timed out, key refused, TLS refused: may pass. A broken greeting or AUTENTICAR answer will not.
                return UploadResult.Failed("Upload failed: " + exception.Message, exception.Failure != LookupFailure.ProtocolViolation);
            }
            catch (Exception exception)
            {
                return UploadResult.Failed("Upload failed unexpectedly: " + exception.GetType().Name + ": " + exception.Message, false);
            }
        }

        /// <summary>AUTENTICAR and the upload pipelined in one write batch, read back in order.</summary>
        private class UploadAlone
        {
            private readonly LookupClient _client;
            private readonly RollReport _report;

            public UploadAlone(LookupClient client, RollReport report)
            {
                _client = client;
                _report = report;
            }

            public object Execute(LookupExchange exchange)
            {
                int presences = RollUpload.Write(exchange, _client.Settings, _report);
                _client.ReadAuthentication(exchange);
                return RollUpload.ReadAnswers(exchange, _report, presences);
            }
        }
    }
}
