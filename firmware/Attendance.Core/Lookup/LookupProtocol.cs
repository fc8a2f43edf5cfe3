namespace Attendance.Core.Lookup
{
    /// <summary>
    /// Names and limits of the lookup protocol (docs/protocol.md). Command names and answers keep the 2002
    /// prototype's Portuguese words so old clients and logs stay readable.
    /// </summary>
    public static class LookupProtocol
    {
        /// <summary>Protocol version announced in the greeting (OLA|version|nonce).</summary>
        public const string Version = "1";

        /// <summary>Longest line, in bytes of UTF-8 before the line end, either side accepts.</summary>
        public const int MaximumLineBytes = 512;

        public const char FieldSeparator = '|';

        public const char EscapeCharacter = '\\';

        // Requests of the original protocol.
        public const string IsProfessor = "EHPROFESSOR";
        public const string ProfessorName = "NOMEPROFESSOR";
        public const string StudentName = "NOMEALUNO";
        public const string ClassAtTime = "CODIGOCADEIRA";
        public const string CourseOfClass = "CODIGOCURSOCADEIRA";
        public const string CourseName = "NOMECURSO";
        public const string ClassName = "NOMECADEIRA";
        public const string IsEnrolled = "MATRICULADO";

        // Additions (docs/protocol.md, "Additions").
        public const string ClassStart = "INICIOCADEIRA";
        public const string Authenticate = "AUTENTICAR";
        public const string Greeting = "OLA";

        /// <summary>
        /// HORA|terminal nonce: the server's UTC time and settings version, with its proof over both nonces
        /// (docs/protocol.md, "Time and settings from the server"). Asked after AUTENTICAR.
        /// </summary>
        public const string ServerTime = "HORA";

        /// <summary>CONFIGURACAO|index: one line of the terminal's settings, with its proof. Asked after HORA.</summary>
        public const string Settings = "CONFIGURACAO";

        // Answers.
        public const string Ok = "OK";
        public const string Error = "ERRO";
        public const string NotProfessor = "NAOEHPROFESSOR";
        public const string NotStudent = "NAOEHALUNO";
        public const string NoClassScheduled = "NAOHACADEIRA";
        public const string NotClass = "NAOEHCADEIRA";
        public const string NotCourse = "NAOEHCURSO";
        public const string Enrolled = "MATRICULADO";
        public const string NotEnrolled = "NAOMATRICULADO";

        // Reasons of ERRO answers the client acts on (docs/protocol.md, "Errors").
        /// <summary>AUTENTICAR's refusal: unknown terminal or wrong proof.</summary>
        public const string AuthenticationRefused = "autenticacao recusada";

        /// <summary>The server's database could not answer (even after retries): passing trouble, try again later.</summary>
        public const string ServerUnavailable = "servidor indisponivel";

        /// <summary>The database failed for another reason (older servers also for passing trouble).</summary>
        public const string InternalFailure = "falha interna";

        /// <summary>The server's connection limit is reached.</summary>
        public const string ServerBusy = "servidor ocupado";

        /// <summary>Number of argument fields after the command name, or -1 for an unknown command.</summary>
        public static int ArgumentCount(string command)
        {
            if (command == IsProfessor || command == ProfessorName || command == StudentName
                || command == CourseOfClass || command == CourseName || command == ClassName
                || command == ServerTime || command == Settings)
            {
                return 1;
            }

            if (command == Authenticate)
            {
                return 2;
            }

            if (command == ClassAtTime || command == ClassStart)
            {
                return 3;
            }

            if (command == IsEnrolled)
            {
                return 5;
            }

            return -1;
        }
    }
}
