namespace Attendance.Core.Mail.Message
{
    /// <summary>
    /// Every word of the attendance e-mail, in one table per language, so a translation is one place to edit.
    /// Portuguese is the default because the terminal's users read Portuguese.
    /// </summary>
    public class MessageText
    {
        public string SubjectPrefix;
        public string Title;
        public string Course;
        public string Class;
        public string Professor;
        public string Date;
        public string Opened;
        public string Closed;
        public string ClosedAutomatically;

        /// <summary>Warning for a roll rebuilt from a damaged record; "{0}" is the number of students that may be missing.</summary>
        public string PossiblyMissing;

        /// <summary>The same warning when that number cannot be known.</summary>
        public string PossiblyMissingUnknown;
        public string ClassStart;
        public string Present;
        public string NoStudents;
        public string UnknownName;
        public string UnreadableName;
        public string NoClass;
        public string FlagNotEnrolled;
        public string FlagUnknownStudent;
        public string FlagLate;
        public string Totals;
        public string CountEnrolled;
        public string CountNotEnrolled;
        public string CountUnknown;
        public string CountLate;
        public string Attachment;
        public string StatusEnrolled;
        public string CsvCode;
        public string CsvName;
        public string CsvDate;
        public string CsvTime;
        public string CsvStatus;
        public string CsvLate;
        public string Yes;
        public string No;
        public string FileNameWord;

        /// <summary>Label of the verification code line (docs/protocol.md, "Verification code").</summary>
        public string VerificationCode;

        /// <summary>The line under the code: what it is for.</summary>
        public string VerificationHint;

        /// <summary>Dates as "05/02/2024" (true) or "2024-02-05" (false).</summary>
        public bool DayFirstDates;

        public static MessageText For(MessageLanguage language)
        {
            return language == MessageLanguage.English ? English() : Portuguese();
        }

        private static MessageText Portuguese()
        {
            MessageText text = new MessageText();
            text.SubjectPrefix = "Chamada";
            text.Title = "Lista de presença";
            text.Course = "Curso";
            text.Class = "Disciplina";
            text.Professor = "Professor";
            text.Date = "Data";
            text.Opened = "Abertura";
            text.Closed = "Encerramento";
            text.ClosedAutomatically = "encerrada automaticamente";
            text.PossiblyMissing = "ATENÇÃO: esta lista foi reconstruída de um registo danificado no terminal; podem faltar até {0} aluno(s).";
            text.PossiblyMissingUnknown = "ATENÇÃO: esta lista foi reconstruída de um registo danificado no terminal; podem faltar alunos.";
            text.ClassStart = "Início da aula";
            text.Present = "Presentes";
            text.NoStudents = "Nenhum aluno registou presença.";
            text.UnknownName = "(nome desconhecido)";
            text.UnreadableName = "(nome ilegível)";
            text.NoClass = "(sem disciplina agendada)";
            text.FlagNotEnrolled = "NÃO MATRICULADO";
            text.FlagUnknownStudent = "NÃO É ALUNO";
            text.FlagLate = "ATRASADO";
            text.Totals = "Totais";
            text.CountEnrolled = "matriculados";
            text.CountNotEnrolled = "não matriculados";
            text.CountUnknown = "desconhecidos";
            text.CountLate = "atrasados";
            text.Attachment = "A lista segue também em anexo (CSV).";
            text.StatusEnrolled = "matriculado";
            text.CsvCode = "codigo";
            text.CsvName = "nome";
            text.CsvDate = "data";
            text.CsvTime = "hora";
            text.CsvStatus = "situacao";
            text.CsvLate = "atrasado";
            text.Yes = "sim";
            text.No = "não";
            text.FileNameWord = "presença";
            text.VerificationCode = "Código de verificação";
            text.VerificationHint = "No portal de presenças, este código confirma que a lista não foi alterada.";
            text.DayFirstDates = true;
            return text;
        }

        private static MessageText English()
        {
            MessageText text = new MessageText();
            text.SubjectPrefix = "Attendance";
            text.Title = "Attendance list";
            text.Course = "Course";
            text.Class = "Class";
            text.Professor = "Professor";
            text.Date = "Date";
            text.Opened = "Opened";
            text.Closed = "Closed";
            text.ClosedAutomatically = "closed automatically";
            text.PossiblyMissing = "WARNING: this list was rebuilt from a record damaged on the terminal; up to {0} student(s) may be missing.";
            text.PossiblyMissingUnknown = "WARNING: this list was rebuilt from a record damaged on the terminal; students may be missing.";
            text.ClassStart = "Class start";
            text.Present = "Present";
            text.NoStudents = "No student swiped a card.";
            text.UnknownName = "(unknown name)";
            text.UnreadableName = "(name unreadable)";
            text.NoClass = "(no class scheduled)";
            text.FlagNotEnrolled = "NOT ENROLLED";
            text.FlagUnknownStudent = "NOT A STUDENT";
            text.FlagLate = "LATE";
            text.Totals = "Totals";
            text.CountEnrolled = "enrolled";
            text.CountNotEnrolled = "not enrolled";
            text.CountUnknown = "unknown";
            text.CountLate = "late";
            text.Attachment = "The list is also attached (CSV).";
            text.StatusEnrolled = "enrolled";
            text.CsvCode = "code";
            text.CsvName = "name";
            text.CsvDate = "date";
            text.CsvTime = "time";
            text.CsvStatus = "status";
            text.CsvLate = "late";
            text.Yes = "yes";
            text.No = "no";
            text.FileNameWord = "attendance";
            text.VerificationCode = "Verification code";
            text.VerificationHint = "On the attendance portal, this code confirms that the list was not altered.";
            text.DayFirstDates = false;
            return text;
        }
    }
}
