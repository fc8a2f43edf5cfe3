namespace Attendance.Core.Mail.Outbox
{
    /// <summary>Capped exponential backoff: 30 s, 1 min, 2 min, 4 min... never more than 30 min (by default).</summary>
    public static class RetrySchedule
    {
        public static int DelaySeconds(int failures, int firstSeconds, int maximumSeconds)
        {
            long delay = firstSeconds;
            for (int i = 1; i < failures && delay < maximumSeconds; i++)
            {
                delay *= 2;
            }

            return delay > maximumSeconds ? maximumSeconds : (int)delay;
        }
    }
}
