using System;
using Attendance.Core.Mail.Outbox;

namespace Attendance.Core.Health
{
    /// <summary>
    /// Carries out the administrator's requests delivered in PEDIDOS (docs/protocol.md, "Terminal health"), each at
    /// most once: the ids of the last <see cref="RememberedRequests"/> are kept with their outcome, so a request the
    /// server delivers again (its acknowledgement was lost with the connection) is acknowledged again without being
    /// carried out twice. The memory is RAM only: after a reboot a redelivered request runs again, which is harmless
    /// for both kinds (a re-send only touches a roll that failed for good; a reload fetches the same settings).
    /// </summary>
    public sealed class HealthRequests
    {
        public const int RememberedRequests = 16;

        private readonly Outbox _outbox;
        private readonly string[] _ids = new string[RememberedRequests];
        private readonly string[] _outcomes = new string[RememberedRequests];
        private int _next;

        /// <param name="outbox">Where a re-send request puts a failed roll back to pending; null answers it "not supported".</param>
        public HealthRequests(Outbox outbox)
        {
            _outbox = outbox;
        }

        /// <summary>Carries out "reload settings"; null (the default) answers it <see cref="HealthProtocol.NotSupported"/>.</summary>
        public ISettingsReloader SettingsReloader { get; set; }

        /// <summary>Carries out one request, or repeats the outcome of one already carried out; returns the outcome word.</summary>
        public string Carry(string id, string kind, string argument)
        {
            for (int i = 0; i < _ids.Length; i++)
            {
                if (_ids[i] != null && _ids[i] == id)
                {
                    return _outcomes[i];
                }
            }

            string outcome = Run(kind, argument);
            if (outcome != HealthProtocol.Failed)
            {
                // A failed one may succeed when the server asks again.
                _ids[_next] = id;
                _outcomes[_next] = outcome;
                _next = (_next + 1) % _ids.Length;
            }

            return outcome;
        }

        private string Run(string kind, string argument)
        {
            if (kind == HealthProtocol.ResendMail)
            {
                if (_outbox == null || argument == null || argument.Length == 0)
                {
                    return _outbox == null ? HealthProtocol.NotSupported : HealthProtocol.NothingToDo;
                }

                try
                {
                    // The same step as the host's "outbox resend --roll": back to pending, sent at the next pass.
                    return _outbox.Resend(argument) > 0 ? HealthProtocol.Done : HealthProtocol.NothingToDo;
                }
                catch (Exception)
                {
                    return HealthProtocol.Failed;
                }
            }

            if (kind == HealthProtocol.ReloadSettings)
            {
                ISettingsReloader reloader = SettingsReloader;
                if (reloader == null)
                {
                    return HealthProtocol.NotSupported;
                }

                try
                {
                    return reloader.RequestReload() ? HealthProtocol.Done : HealthProtocol.Failed;
                }
                catch (Exception)
                {
                    return HealthProtocol.Failed;
                }
            }

            return HealthProtocol.NotSupported;
        }
    }
}
