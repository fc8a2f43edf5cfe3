using System;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Message;
using Attendance.Core.Mail.Smtp;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>
    /// The attendance e-mail of a report, rendered afresh (and identically) for each attempt straight into DATA.
    /// It tells a rendering failure (an exception from the message writer itself, which will repeat on every
    /// attempt) from a network failure (an exception from the sink, i.e. the connection), without rendering twice.
    /// </summary>
    public class ReportMessageContent : IMessageContent
    {
        private readonly RollReport _report;
        private readonly MessageSettings _settings;

        public ReportMessageContent(RollReport report, MessageSettings settings)
        {
            _report = report;
            _settings = settings;
        }

        /// <summary>The exception the message writer threw on its own during the last <see cref="WriteTo"/>; null when none.</summary>
        public Exception RenderFailure { get; private set; }

        public void WriteTo(IMessageSink sink)
        {
            RenderFailure = null;
            WatchedSink watched = new WatchedSink(sink);
            try
            {
                AttendanceMessageWriter.Write(_report, _settings, watched);
            }
            catch (Exception exception)
            {
                if (!watched.Failed)
                {
                    RenderFailure = exception;
                }

                throw;
            }
        }

        /// <summary>Passes bytes on and remembers whether the sink (the connection) threw.</summary>
        private class WatchedSink : IMessageSink
        {
            private readonly IMessageSink _inner;

            public WatchedSink(IMessageSink inner)
            {
                _inner = inner;
            }

            public bool Failed { get; private set; }

            public void Write(byte[] buffer, int offset, int count)
            {
                try
                {
                    _inner.Write(buffer, offset, count);
                }
                catch (Exception)
                {
                    Failed = true;
                    throw;
                }
            }
        }
    }
}
