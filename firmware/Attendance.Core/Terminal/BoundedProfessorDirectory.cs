using Attendance.Core.Hardware;
using Attendance.Core.Lookup;

namespace Attendance.Core.Terminal
{
    /// <summary>
    /// The professor check as the door loop may make it: within a bounded wait, connect included (the
    /// <see cref="DeadlineConnector"/> under the lookup client enforces it), and not at all for a while after the
    /// server was found unreachable or silent, so that a black-holed server costs the door one wait and not one
    /// per swipe. Either way the caller gets a <see cref="LookupException"/> and the roll applies its offline
    /// policy (the professor cache decides).
    /// </summary>
    public class BoundedProfessorDirectory : IProfessorDirectory
    {
        /// <summary>Longest wait for the professor check at open, connect included (capped by lookup.timeout-ms).</summary>
        public const int CheckMilliseconds = 3000;

        /// <summary>After the server was unreachable or silent, checks within this time go straight to the cache.</summary>
        public const int SkipAfterFailureMilliseconds = 30000;

        private readonly IProfessorDirectory inner;
        private readonly IClock clock;
        private readonly DeadlineConnector deadline;
        private readonly int checkMilliseconds;

        // Monotonic time until which checks go straight to the cache (long.MinValue: no failure yet).
        private long skipUntil = long.MinValue;

        /// <param name="deadline">The connector under <paramref name="inner"/>'s lookup client, or null for a directory without one (tests).</param>
        public BoundedProfessorDirectory(IProfessorDirectory inner, IClock clock, DeadlineConnector deadline, int checkMilliseconds)
        {
            this.inner = inner;
            this.clock = clock;
            this.deadline = deadline;
            this.checkMilliseconds = checkMilliseconds;
        }

        /// <summary>True while checks go straight to the cache after a failure.</summary>
        public bool Skipping
        {
            get { return clock.MonotonicMilliseconds < skipUntil; }
        }

        public string FindProfessorEmail(string cardCode)
        {
            if (Skipping)
            {
                throw new LookupException(LookupFailure.Unreachable, "The lookup server was unreachable moments ago; not asked again yet.");
            }

            if (deadline != null)
            {
                deadline.Start(checkMilliseconds);
            }

            try
            {
                return inner.FindProfessorEmail(cardCode);
            }
            catch (LookupException exception)
            {
                if (exception.Failure == LookupFailure.Unreachable || exception.Failure == LookupFailure.Timeout)
                {
                    skipUntil = clock.MonotonicMilliseconds + SkipAfterFailureMilliseconds;
                }

                throw;
            }
            finally
            {
                if (deadline != null)
                {
                    deadline.Clear();
                }
            }
        }
    }
}
