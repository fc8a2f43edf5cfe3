using Attendance.Core.Roll;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// Stores rolls on the server (docs/protocol.md, "Uploading a roll"). The outbox uses it, when it has one, so
    /// that a roll is finished only once the server stored it and the mail server accepted its e-mail, each
    /// retried on its own.
    /// </summary>
    public interface IRollUploader
    {
        /// <summary>
        /// The close-time exchange with the upload as its last step, on the same connection: as
        /// <see cref="IRollReportBuilder.Build"/>, and the report also carries its verification code and
        /// <see cref="RollReport.Upload"/>. A failed upload never fails the report: only the lookup does (throws
        /// <see cref="LookupException"/>).
        /// </summary>
        RollReport BuildAndUpload(ClosedRoll roll, ReportEntryArea area);

        /// <summary>
        /// The upload alone, for a roll whose report is stored: a new connection, the greeting, then AUTENTICAR and
        /// the upload in one round trip. Never throws for a network or server failure: the result says what
        /// happened. Uses the report's verification code when it has one.
        /// </summary>
        UploadResult Upload(RollReport report);
    }
}
