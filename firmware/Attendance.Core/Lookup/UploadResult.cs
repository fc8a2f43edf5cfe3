namespace Attendance.Core.Lookup
{
    /// <summary>The outcome of one upload attempt, and why it failed when it did.</summary>
    public class UploadResult
    {
        /// <summary><see cref="UploadOutcome.Pending"/> when the attempt failed (<see cref="Error"/> says why).</summary>
        public UploadOutcome Outcome;

        /// <summary>Why the attempt failed; null when it did not. Names commands and protocol reasons, never data.</summary>
        public string Error;

        /// <summary>
        /// True for failures that may pass (no connection, a cut, a timeout, a busy or unavailable server); false
        /// for an answer that breaks the upload's rules, which the same roll would get again (the outbox counts
        /// identical repeats of those).
        /// </summary>
        public bool Transient;

        /// <summary>True when the attempt is over: the roll is stored, or it need not or cannot be uploaded there.</summary>
        public bool Done
        {
            get { return Outcome != UploadOutcome.Pending; }
        }

        public static UploadResult Of(UploadOutcome outcome)
        {
            UploadResult result = new UploadResult();
            result.Outcome = outcome;
            return result;
        }

        public static UploadResult Failed(string error, bool transient)
        {
            UploadResult result = new UploadResult();
            result.Outcome = UploadOutcome.Pending;
            result.Error = error;
            result.Transient = transient;
            return result;
        }
    }
}
