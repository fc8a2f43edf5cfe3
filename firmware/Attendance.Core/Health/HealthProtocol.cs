namespace Attendance.Core.Health
{
    /// <summary>
    /// Names and limits of the terminal-health exchange (docs/protocol.md, "Terminal health"), shared by the
    /// terminal that sends it and the server that stores it.
    /// </summary>
    public static class HealthProtocol
    {
        /// <summary>SAUDELOG|UTC|level|text: one of the last warning or error lines, sent before <see cref="Report"/>.</summary>
        public const string LogLine = "SAUDELOG";

        /// <summary>SAUDEFALHA|roll id|reason: a roll whose e-mail failed for good (resendable), sent before <see cref="Report"/>.</summary>
        public const string FailedRoll = "SAUDEFALHA";

        /// <summary>SAUDE|fields...: the report; answered <see cref="Requests"/>.</summary>
        public const string Report = "SAUDE";

        /// <summary>The answer to SAUDE: PEDIDOS followed by id|kind|argument for each administrator request (none: PEDIDOS alone).</summary>
        public const string Requests = "PEDIDOS";

        /// <summary>PEDIDOFEITO|id|outcome: the terminal carried out (or refused) a request; answered OK.</summary>
        public const string RequestDone = "PEDIDOFEITO";

        /// <summary>Request kind: put a roll whose e-mail failed for good back for one more attempt (argument: the roll id).</summary>
        public const string ResendMail = "REENVIAR";

        /// <summary>Request kind: fetch the settings from the server again (no argument).</summary>
        public const string ReloadSettings = "RECARREGAR";

        /// <summary>Outcome: done.</summary>
        public const string Done = "feito";

        /// <summary>Outcome: nothing to do (no failed roll with that id: sent meanwhile, or unknown).</summary>
        public const string NothingToDo = "nada a fazer";

        /// <summary>Outcome: this terminal cannot do that kind of request (older firmware, or the feature is off).</summary>
        public const string NotSupported = "nao suportado";

        /// <summary>Outcome: the request could not be carried out now (a flash fault); the server may ask again.</summary>
        public const string Failed = "falhou";

        /// <summary>Arguments of <see cref="Report"/>.</summary>
        public const int ReportArguments = 15;

        /// <summary>Arguments of <see cref="LogLine"/>.</summary>
        public const int LogLineArguments = 3;

        /// <summary>Arguments of <see cref="FailedRoll"/>.</summary>
        public const int FailedRollArguments = 2;

        /// <summary>Most SAUDEFALHA lines before one SAUDE (the count in SAUDE says how many there are in all).</summary>
        public const int MaximumFailedRolls = 4;

        /// <summary>Most characters of a failed roll's reason (printable ASCII).</summary>
        public const int MaximumFailureText = 100;

        /// <summary>Arguments of <see cref="RequestDone"/>.</summary>
        public const int RequestDoneArguments = 2;

        /// <summary>Most SAUDELOG lines before one SAUDE; the server drops the report's lines beyond it.</summary>
        public const int MaximumLogLines = 4;

        /// <summary>Most characters of a log line's text (printable ASCII): a SAUDELOG line stays far below 512 bytes.</summary>
        public const int MaximumLogText = 150;

        /// <summary>Most characters of a short text field of SAUDE (firmware, board, clock source).</summary>
        public const int MaximumShortText = 24;

        /// <summary>Most characters of the settings-rejected reason in SAUDE.</summary>
        public const int MaximumReasonText = 80;

        /// <summary>Most requests the server puts in one PEDIDOS answer; the rest wait for the next heartbeat.</summary>
        public const int MaximumRequests = 4;

        /// <summary>Most characters of a roll id (a code: docs/protocol.md, "Lines and fields").</summary>
        public const int MaximumRollId = 64;

        /// <summary>Most characters of a request id (decimal digits).</summary>
        public const int MaximumRequestId = 18;

        /// <summary>Argument count of a command of this exchange, or -1 when it is not one of them.</summary>
        public static int ArgumentCount(string command)
        {
            if (command == Report)
            {
                return ReportArguments;
            }

            if (command == LogLine)
            {
                return LogLineArguments;
            }

            if (command == FailedRoll)
            {
                return FailedRollArguments;
            }

            if (command == RequestDone)
            {
                return RequestDoneArguments;
            }

            return -1;
        }
    }
}
