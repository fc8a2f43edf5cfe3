namespace Attendance.Core.Lookup
{
    /// <summary>What became of a roll's upload to the server (docs/protocol.md, "Uploading a roll").</summary>
    public enum UploadOutcome
    {
        /// <summary>Not done yet, or failed: the outbox tries it again.</summary>
        Pending = 0,

        /// <summary>The server answered CHAMADAGUARDADA: stored now, or stored before (the upload is idempotent).</summary>
        Stored = 1,

        /// <summary>The server answered ERRO|comando desconhecido: it is older than the upload, which counts as done.</summary>
        NotSupported = 2,

        /// <summary>No upload is made: the terminal has no key (open mode), or its outbox has no uploader.</summary>
        NotRequired = 3,
    }
}
