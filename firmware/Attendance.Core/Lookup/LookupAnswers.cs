namespace Attendance.Core.Lookup
{
    /// <summary>
    /// What an answer line means, per command (docs/protocol.md, "Commands"). An answer is null when the exchange
    /// could not decode it (<see cref="LookupExchange.ReadFields"/>). A name is only shown to people, so an
    /// unreadable name degrades to "name unreadable" on its line (<see cref="IsUnreadableName"/>); any other
    /// answer outside the documented ones (a code, an address, an enrolment, ERRO) is a protocol violation: the
    /// roll is kept and retried rather than mailed with wrong data, and since the same server data gives the same
    /// violation each time, the outbox counts identical repeats (the message names the command, never the data).
    /// </summary>
    public static class LookupAnswers
    {
        /// <summary>A value answer: the value, or null for the command's "not found" word.</summary>
        public static string ValueOrNull(string[] fields, string notFound, string command)
        {
            ThrowIfError(fields, command);
            if (fields == null)
            {
                throw Violation(command, "the answer could not be decoded (too long, invalid UTF-8 or a control character)");
            }

            if (fields.Length != 1 || fields[0].Length == 0)
            {
                throw Violation(command, "expected one value");
            }

            return fields[0] == notFound ? null : fields[0];
        }

        /// <summary>
        /// True when a name answer cannot be shown: undecodable, empty, or holding a raw '|' the server did not
        /// escape. ERRO is not a name problem (the server failed) and stays a protocol violation.
        /// </summary>
        public static bool IsUnreadableName(string[] fields)
        {
            if (fields == null)
            {
                return true;
            }

            if (fields.Length == 2 && fields[0] == LookupProtocol.Error)
            {
                return false;
            }

            return fields.Length != 1 || fields[0].Length == 0;
        }

        /// <summary>A name answer: the name, or null for the "not found" word or an unreadable name.</summary>
        public static string NameOrNull(string[] fields, string notFound, string command)
        {
            return IsUnreadableName(fields) ? null : ValueOrNull(fields, notFound, command);
        }

        /// <summary>MATRICULADO's answer: true, false, or a violation.</summary>
        public static bool IsEnrolled(string[] fields)
        {
            ThrowIfError(fields, LookupProtocol.IsEnrolled);
            if (fields == null)
            {
                throw Violation(LookupProtocol.IsEnrolled, "the answer could not be decoded");
            }

            if (fields.Length == 1 && fields[0] == LookupProtocol.Enrolled)
            {
                return true;
            }

            if (fields.Length == 1 && fields[0] == LookupProtocol.NotEnrolled)
            {
                return false;
            }

            throw Violation(LookupProtocol.IsEnrolled, "expected MATRICULADO or NAOMATRICULADO");
        }

        /// <summary>INICIOCADEIRA's answer: minutes after local midnight, or -1 for NAOHACADEIRA.</summary>
        public static int StartMinuteOfDay(string[] fields)
        {
            string value = ValueOrNull(fields, LookupProtocol.NoClassScheduled, LookupProtocol.ClassStart);
            if (value == null)
            {
                return -1;
            }

            int minute = LookupTime.ParseMinuteOfDay(value);
            if (minute < 0)
            {
                throw Violation(LookupProtocol.ClassStart, "expected HH:MM");
            }

            return minute;
        }

        /// <summary>
        /// AUTENTICAR's answer: returns on OK; throws Unreachable on an ERRO that says the key could not be checked
        /// now (<see cref="IsPassing"/>), KeyRefused on any other ERRO (the message holds no key material).
        /// </summary>
        public static void RequireAuthenticated(string[] fields, string terminalId)
        {
            if (fields == null)
            {
                throw Violation(LookupProtocol.Authenticate, "the answer could not be decoded");
            }

            if (fields.Length == 1 && fields[0] == LookupProtocol.Ok)
            {
                return;
            }

            if (fields.Length == 2 && fields[0] == LookupProtocol.Error && IsPassing(fields[1]))
            {
                // The server could not check the key (its database failed or it is full): not a refusal, the
                // roll is retried like on an unreachable server and the key-refused signal stays off.
                throw new LookupException(LookupFailure.Unreachable, "The lookup server could not check the key of terminal "
                    + terminalId + " now (AUTENTICAR answered: " + fields[1] + ").");
            }

            if (fields.Length == 2 && fields[0] == LookupProtocol.Error)
            {
                throw new LookupException(LookupFailure.KeyRefused, "The lookup server refused the key of terminal " + terminalId
                    + " (AUTENTICAR answered: " + fields[1] + "); terminal.key must match the server's terminals.key_hex for "
                    + terminalId + " (hex of the key's UTF-8 bytes, docs/protocol.md).");
            }

            throw Violation(LookupProtocol.Authenticate, "expected OK or ERRO");
        }

        /// <summary>The greeting OLA|1|nonce: returns the nonce.</summary>
        public static string Nonce(string[] fields)
        {
            if (fields == null)
            {
                throw Violation(LookupProtocol.Greeting, "the greeting could not be decoded");
            }

            if (fields.Length == 3 && fields[0] == LookupProtocol.Greeting && fields[1] == LookupProtocol.Version && fields[2].Length > 0)
            {
                return fields[2];
            }

            if (fields.Length == 2 && fields[0] == LookupProtocol.Error)
            {
                // "servidor ocupado": the server is up but full; like an unreachable server, try again later.
                throw new LookupException(LookupFailure.Unreachable, "The lookup server turned the connection away: " + fields[1]);
            }

            throw Violation(LookupProtocol.Greeting, "expected OLA|" + LookupProtocol.Version + "|nonce");
        }

        /// <summary>
        /// True for the ERRO reasons that say the server cannot answer now but may later: its database is
        /// unavailable ("servidor indisponivel"; "falha interna" from servers before that reason existed) or it is
        /// full ("servidor ocupado").
        /// </summary>
        public static bool IsPassing(string reason)
        {
            return reason == LookupProtocol.ServerUnavailable || reason == LookupProtocol.InternalFailure || reason == LookupProtocol.ServerBusy;
        }

        private static void ThrowIfError(string[] fields, string command)
        {
            if (fields != null && fields.Length == 2 && fields[0] == LookupProtocol.Error && fields[1] == LookupProtocol.ServerUnavailable)
            {
                // Passing trouble, not a fixed answer: no identical-failure count, the roll is retried as usual.
                throw new LookupException(LookupFailure.Unreachable, "The lookup server could not answer " + command + " now: " + fields[1]);
            }

            if (fields != null && fields.Length == 2 && fields[0] == LookupProtocol.Error)
            {
                throw new LookupException(LookupFailure.ProtocolViolation, "The lookup server answered " + command + " with an error: " + fields[1]);
            }
        }

        private static LookupException Violation(string command, string expectation)
        {
            return new LookupException(LookupFailure.ProtocolViolation, "Unexpected answer to " + command + ": " + expectation + ".");
        }
    }
}
