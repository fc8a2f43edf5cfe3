using System.Globalization;

namespace Attendance.Portal.Localization;

/// <summary>
/// Every word the portal's pages and exports show, in one table per language (the same idea as the e-mail's
/// Attendance.Core.Mail.Message.MessageText), so a translation is one place to edit. Portuguese is the default;
/// the request's UI culture (cookie or Accept-Language, <see cref="PortalCultures"/>) picks the table.
/// Entries with "{0}" are format strings.
/// </summary>
public sealed class PortalText
{
    public required string Culture { get; init; }
    public required string LanguageName { get; init; }
    public required string DateFormat { get; init; }
    public required string TimeFormat { get; init; }

    public required string AppTitle { get; init; }
    public required string NavHome { get; init; }
    public required string NavRolls { get; init; }
    public required string NavClasses { get; init; }
    public required string NavStudents { get; init; }
    public required string NavVerify { get; init; }
    public required string Language { get; init; }
    public required string ChangeLanguage { get; init; }
    public required string HomeIntro { get; init; }

    public required string Search { get; init; }
    public required string Course { get; init; }
    public required string Class { get; init; }
    public required string Professor { get; init; }
    public required string ProfessorCode { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string StudentCodeOrName { get; init; }
    public required string DateRangeInvalid { get; init; }
    public required string NoRolls { get; init; }
    public required string PageOf { get; init; }
    public required string Previous { get; init; }
    public required string Next { get; init; }
    public required string Open { get; init; }

    public required string Roll { get; init; }
    public required string Date { get; init; }
    public required string Opened { get; init; }
    public required string Closed { get; init; }
    public required string ClosedAutomatically { get; init; }
    public required string LateAfter { get; init; }
    public required string Terminal { get; init; }
    public required string RollIdentity { get; init; }
    public required string VerificationCode { get; init; }
    public required string Uploaded { get; init; }
    public required string Present { get; init; }
    public required string NoStudents { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string Time { get; init; }
    public required string Status { get; init; }
    public required string Late { get; init; }
    public required string StatusEnrolled { get; init; }
    public required string StatusNotEnrolled { get; init; }
    public required string StatusUnknownStudent { get; init; }
    public required string FlagLate { get; init; }
    public required string Totals { get; init; }
    public required string CountEnrolled { get; init; }
    public required string CountNotEnrolled { get; init; }
    public required string CountUnknown { get; init; }
    public required string CountLate { get; init; }
    public required string UnknownName { get; init; }
    public required string NoClass { get; init; }
    public required string Yes { get; init; }
    public required string No { get; init; }
    public required string ExportCsv { get; init; }
    public required string ExportXlsx { get; init; }
    public required string RollFileName { get; init; }

    public required string ClassSheet { get; init; }
    public required string PickClass { get; init; }
    public required string NoClasses { get; init; }
    public required string Period { get; init; }
    public required string PeriodFormat { get; init; }
    public required string Sessions { get; init; }
    public required string Attended { get; init; }
    public required string Percent { get; init; }
    public required string Enrolled { get; init; }
    public required string BelowMinimum { get; init; }
    public required string BelowMinimumNote { get; init; }
    public required string NoSessions { get; init; }
    public required string SheetPresent { get; init; }
    public required string SheetLate { get; init; }
    public required string SheetFileName { get; init; }
    public required string ChartTitle { get; init; }
    public required string ChartBar { get; init; }

    public required string StudentHistory { get; init; }
    public required string StudentCode { get; init; }
    public required string StudentNotFound { get; init; }
    public required string StudentCodeRequired { get; init; }
    public required string History { get; init; }

    public required string VerifyTitle { get; init; }
    public required string VerifyIntro { get; init; }
    public required string PasteCode { get; init; }
    public required string UploadEml { get; init; }
    public required string Verify { get; init; }
    public required string CodeMissing { get; init; }
    public required string CodeInvalid { get; init; }
    public required string EmlTooLarge { get; init; }
    public required string EmlUnreadable { get; init; }
    public required string EmlNoCode { get; init; }
    public required string CodeChecked { get; init; }
    public required string OutcomeUnknown { get; init; }
    public required string OutcomeAuthentic { get; init; }
    public required string OutcomeAltered { get; init; }
    public required string OutcomeKeyUnavailable { get; init; }
    public required string RollOutOfScope { get; init; }
    public required string Comparison { get; init; }
    public required string CompareSame { get; init; }
    public required string CompareNoList { get; init; }
    public required string CompareOnlyStored { get; init; }
    public required string CompareOnlyInEmail { get; init; }
    public required string CompareStatusDiffers { get; init; }

    // Sign-in and accounts (the hosting's Pages/Account).
    public required string SignInTitle { get; init; }
    public required string UserName { get; init; }
    public required string Password { get; init; }
    public required string SignIn { get; init; }
    public required string SignOut { get; init; }
    public required string SignOutTitle { get; init; }
    public required string SignInFailed { get; init; }
    public required string SignInLockedOut { get; init; }
    public required string SignInRequired { get; init; }
    public required string SignedInAs { get; init; }
    public required string AccessDeniedTitle { get; init; }
    public required string AccessDenied { get; init; }
    public required string AccountsTitle { get; init; }
    public required string AccountsHelp { get; init; }
    public required string Role { get; init; }
    public required string AccountState { get; init; }
    public required string AccountActive { get; init; }
    public required string Unlock { get; init; }
    public required string AccountUnlocked { get; init; }

    // Terminal health (the Terminals pages).
    public required string NavTerminals { get; init; }
    public required string TerminalsTitle { get; init; }
    public required string TerminalsIntro { get; init; }
    public required string NoTerminals { get; init; }
    public required string Online { get; init; }
    public required string Offline { get; init; }
    public required string NeverSeen { get; init; }
    public required string LastSeen { get; init; }
    public required string Warnings { get; init; }
    public required string WarningMailFailed { get; init; }
    public required string WarningClockSkew { get; init; }
    public required string WarningLowMemory { get; init; }
    public required string WarningSettingsRejected { get; init; }
    public required string Firmware { get; init; }
    public required string Board { get; init; }
    public required string Uptime { get; init; }
    public required string FreeMemory { get; init; }
    public required string IpAddress { get; init; }
    public required string WifiSignal { get; init; }
    public required string RollState { get; init; }
    public required string OutboxCounts { get; init; }
    public required string ClockSource { get; init; }
    public required string ClockSkew { get; init; }
    public required string Unknown { get; init; }
    public required string TerminalNotFound { get; init; }
    public required string LastErrors { get; init; }
    public required string FailedRolls { get; init; }
    public required string Reason { get; init; }
    public required string ResendMail { get; init; }
    public required string ReloadSettings { get; init; }
    public required string RequestFiled { get; init; }
    public required string Requests { get; init; }
    public required string RequestedBy { get; init; }
    public required string Delivered { get; init; }
    public required string Acknowledged { get; init; }
    public required string Outcome { get; init; }
    public required string NoReports { get; init; }
    public required string Received { get; init; }
    // Terminal settings (Pages/Settings).
    public required string NavSettings { get; init; }
    public required string SettingsTitle { get; init; }
    public required string SettingsHelp { get; init; }
    public required string SettingsScope { get; init; }
    public required string SettingsDefaults { get; init; }
    public required string SettingsVersion { get; init; }
    public required string SettingsKey { get; init; }
    public required string SettingsValue { get; init; }
    public required string SettingsDefaultValue { get; init; }
    public required string SettingsSecretSet { get; init; }
    public required string SettingsSecretNotSet { get; init; }
    public required string SettingsClearSecret { get; init; }
    public required string SettingsSave { get; init; }
    public required string SettingsSaved { get; init; }
    public required string SettingsRefused { get; init; }

    public static PortalText Portuguese { get; } = new()
    {
        Culture = "pt",
        LanguageName = "Português",
        DateFormat = "dd/MM/yyyy",
        TimeFormat = "HH:mm",
        AppTitle = "Portal de presenças",
        NavHome = "Início",
        NavRolls = "Chamadas",
        NavClasses = "Disciplinas",
        NavStudents = "Alunos",
        NavVerify = "Verificar e-mail",
        Language = "Idioma",
        ChangeLanguage = "Mudar",
        HomeIntro = "Pesquise as chamadas guardadas pelo servidor, veja a folha de presenças de uma disciplina ou o histórico de um aluno, e verifique se um e-mail de chamada é autêntico.",
        Search = "Pesquisar",
        Course = "Curso",
        Class = "Disciplina",
        Professor = "Professor",
        ProfessorCode = "Professor (código)",
        From = "De",
        To = "Até",
        StudentCodeOrName = "Aluno (código ou nome)",
        DateRangeInvalid = "A data inicial é posterior à data final.",
        NoRolls = "Nenhuma chamada encontrada.",
        PageOf = "Página {0} de {1} ({2} chamadas)",
        Previous = "Anterior",
        Next = "Seguinte",
        Open = "Abrir",
        Roll = "Chamada",
        Date = "Data",
        Opened = "Abertura",
        Closed = "Encerramento",
        ClosedAutomatically = "encerrada automaticamente",
        LateAfter = "Atraso a partir de",
        Terminal = "Terminal",
        RollIdentity = "Identificação da chamada",
        VerificationCode = "Código de verificação",
        Uploaded = "Recebida pelo servidor",
        Present = "Presentes",
        NoStudents = "Nenhum aluno registou presença.",
        Code = "Código",
        Name = "Nome",
        Time = "Hora",
        Status = "Situação",
        Late = "Atrasado",
        StatusEnrolled = "matriculado",
        StatusNotEnrolled = "NÃO MATRICULADO",
        StatusUnknownStudent = "NÃO É ALUNO",
        FlagLate = "ATRASADO",
        Totals = "Totais",
        CountEnrolled = "matriculados",
        CountNotEnrolled = "não matriculados",
        CountUnknown = "desconhecidos",
        CountLate = "atrasados",
        UnknownName = "(nome desconhecido)",
        NoClass = "(sem disciplina agendada)",
        Yes = "sim",
        No = "não",
        ExportCsv = "Exportar CSV",
        ExportXlsx = "Exportar XLSX",
        RollFileName = "chamada",
        ClassSheet = "Folha de presenças",
        PickClass = "Escolha a disciplina e o período.",
        NoClasses = "Nenhuma disciplina com chamadas guardadas.",
        Period = "Período",
        PeriodFormat = "{0}, {1}.º semestre",
        Sessions = "Aulas",
        Attended = "Presenças",
        Percent = "% de presença",
        Enrolled = "Matriculado",
        BelowMinimum = "Abaixo do mínimo",
        BelowMinimumNote = "Destacados: alunos matriculados com presença abaixo de {0} %.",
        NoSessions = "Nenhuma aula guardada neste período.",
        SheetPresent = "P",
        SheetLate = "A",
        SheetFileName = "folha",
        ChartTitle = "Presenças por aula",
        ChartBar = "{0}: {1} presentes",
        StudentHistory = "Histórico do aluno",
        StudentCode = "Código do aluno",
        StudentNotFound = "Nenhum aluno com este código nas suas disciplinas.",
        StudentCodeRequired = "Indique o código do aluno.",
        History = "Ver histórico",
        VerifyTitle = "Verificar um e-mail de chamada",
        VerifyIntro = "Cole o código de verificação do e-mail, ou envie o ficheiro .eml: o portal diz se corresponde a uma chamada guardada, inalterada.",
        PasteCode = "Código de verificação",
        UploadEml = "ou o ficheiro .eml",
        Verify = "Verificar",
        CodeMissing = "Indique um código de verificação ou um ficheiro .eml.",
        CodeInvalid = "Código inválido: são 16 caracteres (algarismos e letras, sem U), como 7KQ2-M9XD-4RTB-0HZC.",
        EmlTooLarge = "O ficheiro é grande demais para um e-mail de chamada.",
        EmlUnreadable = "O ficheiro não é um e-mail legível.",
        EmlNoCode = "O e-mail não tem código de verificação.",
        CodeChecked = "Código verificado: {0}",
        OutcomeUnknown = "Nenhuma chamada guardada tem este código: o e-mail não veio de um terminal deste servidor, ou o código foi alterado.",
        OutcomeAuthentic = "Autêntico: o código corresponde à chamada guardada, que não foi alterada.",
        OutcomeAltered = "ATENÇÃO: a chamada guardada com este código já não lhe corresponde: foi alterada depois de recebida.",
        OutcomeKeyUnavailable = "A chamada está guardada, mas a chave do terminal mudou ou foi removida: o código não pode ser recalculado.",
        RollOutOfScope = "A chamada não pertence às suas disciplinas: os detalhes não são mostrados.",
        Comparison = "Comparação da lista do e-mail com a chamada guardada",
        CompareSame = "A lista de alunos do e-mail é igual à da chamada guardada.",
        CompareNoList = "O e-mail não tem anexo CSV nem lista de alunos legível.",
        CompareOnlyStored = "{0}: na chamada guardada, não no e-mail",
        CompareOnlyInEmail = "{0}: no e-mail, não na chamada guardada",
        CompareStatusDiffers = "{0}: situação «{1}» no e-mail, «{2}» na chamada guardada",
        SignInTitle = "Entrar no portal de presenças",
        UserName = "Utilizador",
        Password = "Palavra-passe",
        SignIn = "Entrar",
        SignOut = "Sair",
        SignOutTitle = "Sair do portal",
        SignInFailed = "Utilizador ou palavra-passe errados.",
        SignInLockedOut = "Demasiadas tentativas falhadas: a conta está bloqueada durante alguns minutos. Tente mais tarde ou peça a um administrador.",
        SignInRequired = "Preencha o utilizador e a palavra-passe.",
        SignedInAs = "Sessão de",
        AccessDeniedTitle = "Acesso negado",
        AccessDenied = "A sua conta não tem acesso a esta página.",
        AccountsTitle = "Contas do portal",
        AccountsHelp = "As contas criam-se e removem-se com o comando users do servidor.",
        Role = "Papel",
        AccountState = "Estado",
        AccountActive = "Ativa",
        Unlock = "Desbloquear",
        AccountUnlocked = "Conta {0} desbloqueada.",
        NavTerminals = "Terminais",
        TerminalsTitle = "Terminais",
        TerminalsIntro = "Cada terminal envia um relatório de saúde a intervalos regulares. Fora de linha: nenhum relatório há mais de {0} intervalos do próprio terminal.",
        NoTerminals = "Nenhum terminal registado.",
        Online = "Em linha",
        Offline = "Fora de linha",
        NeverSeen = "Nunca visto",
        LastSeen = "Último relatório",
        Warnings = "Avisos",
        WarningMailFailed = "E-mails falhados de vez: {0}",
        WarningClockSkew = "Relógio desviado {0} s",
        WarningLowMemory = "Pouca memória: {0} bytes livres",
        WarningSettingsRejected = "Definições recusadas: {0}",
        Firmware = "Firmware",
        Board = "Placa",
        Uptime = "Ligado há",
        FreeMemory = "Memória livre",
        IpAddress = "Endereço IP",
        WifiSignal = "Sinal Wi-Fi",
        RollState = "Chamada",
        OutboxCounts = "Saída (pendentes / a repetir / falhados / envios ao servidor)",
        ClockSource = "Origem do relógio",
        ClockSkew = "Desvio do relógio",
        Unknown = "desconhecido",
        TerminalNotFound = "Terminal desconhecido.",
        LastErrors = "Últimas linhas de aviso e erro",
        FailedRolls = "Chamadas cujo e-mail falhou de vez",
        Reason = "Motivo",
        ResendMail = "Reenviar e-mail",
        ReloadSettings = "Recarregar definições",
        RequestFiled = "Pedido registado: o terminal recebe-o no próximo relatório.",
        Requests = "Pedidos",
        RequestedBy = "Pedido por",
        Delivered = "Entregue",
        Acknowledged = "Confirmado",
        Outcome = "Resultado",
        NoReports = "Ainda nenhum relatório.",
        Received = "Recebido",
        NavSettings = "Configuração dos terminais",
        SettingsTitle = "Configuração dos terminais",
        SettingsHelp = "Valores que o servidor dá aos terminais: os de todos os terminais, ou os de um terminal, que se sobrepõem. Um valor no terminal.config de um terminal prevalece sempre. Um campo vazio não define a chave.",
        SettingsScope = "Para",
        SettingsDefaults = "Todos os terminais",
        SettingsVersion = "Versão da configuração: {0}",
        SettingsKey = "Chave",
        SettingsValue = "Valor",
        SettingsDefaultValue = "Valor de todos os terminais",
        SettingsSecretSet = "(definida; nunca é mostrada)",
        SettingsSecretNotSet = "(não definida)",
        SettingsClearSecret = "apagar",
        SettingsSave = "Guardar",
        SettingsSaved = "Guardado: versão da configuração {0}.",
        SettingsRefused = "Não guardado: um terminal recusaria estes valores ({0}).",
    };

    public static PortalText English { get; } = new()
    {
        Culture = "en",
        LanguageName = "English",
        DateFormat = "yyyy-MM-dd",
        TimeFormat = "HH:mm",
        AppTitle = "Attendance portal",
        NavHome = "Home",
        NavRolls = "Rolls",
        NavClasses = "Classes",
        NavStudents = "Students",
        NavVerify = "Verify an e-mail",
        Language = "Language",
        ChangeLanguage = "Change",
        HomeIntro = "Search the rolls the server stored, see a class's attendance sheet or a student's history, and check whether an attendance e-mail is authentic.",
        Search = "Search",
        Course = "Course",
        Class = "Class",
        Professor = "Professor",
        ProfessorCode = "Professor (code)",
        From = "From",
        To = "To",
        StudentCodeOrName = "Student (code or name)",
        DateRangeInvalid = "The start date is after the end date.",
        NoRolls = "No roll found.",
        PageOf = "Page {0} of {1} ({2} rolls)",
        Previous = "Previous",
        Next = "Next",
        Open = "Open",
        Roll = "Roll",
        Date = "Date",
        Opened = "Opened",
        Closed = "Closed",
        ClosedAutomatically = "closed automatically",
        LateAfter = "Late after",
        Terminal = "Terminal",
        RollIdentity = "Roll identity",
        VerificationCode = "Verification code",
        Uploaded = "Received by the server",
        Present = "Present",
        NoStudents = "No student swiped a card.",
        Code = "Code",
        Name = "Name",
        Time = "Time",
        Status = "Status",
        Late = "Late",
        StatusEnrolled = "enrolled",
        StatusNotEnrolled = "NOT ENROLLED",
        StatusUnknownStudent = "NOT A STUDENT",
        FlagLate = "LATE",
        Totals = "Totals",
        CountEnrolled = "enrolled",
        CountNotEnrolled = "not enrolled",
        CountUnknown = "unknown",
        CountLate = "late",
        UnknownName = "(unknown name)",
        NoClass = "(no class scheduled)",
        Yes = "yes",
        No = "no",
        ExportCsv = "Export CSV",
        ExportXlsx = "Export XLSX",
        RollFileName = "roll",
        ClassSheet = "Class sheet",
        PickClass = "Pick a class and period.",
        NoClasses = "No class with stored rolls.",
        Period = "Period",
        PeriodFormat = "{0}, semester {1}",
        Sessions = "Sessions",
        Attended = "Attended",
        Percent = "Attendance %",
        Enrolled = "Enrolled",
        BelowMinimum = "Below minimum",
        BelowMinimumNote = "Highlighted: enrolled students whose attendance is below {0} %.",
        NoSessions = "No stored session in this period.",
        SheetPresent = "P",
        SheetLate = "L",
        SheetFileName = "sheet",
        ChartTitle = "Attendance per session",
        ChartBar = "{0}: {1} present",
        StudentHistory = "Student history",
        StudentCode = "Student code",
        StudentNotFound = "No student with this code in your classes.",
        StudentCodeRequired = "Enter the student's code.",
        History = "Show history",
        VerifyTitle = "Verify an attendance e-mail",
        VerifyIntro = "Paste the e-mail's verification code, or upload the .eml file: the portal says whether it matches a stored roll, unaltered.",
        PasteCode = "Verification code",
        UploadEml = "or the .eml file",
        Verify = "Verify",
        CodeMissing = "Enter a verification code or choose an .eml file.",
        CodeInvalid = "Invalid code: it has 16 characters (digits and letters, no U), like 7KQ2-M9XD-4RTB-0HZC.",
        EmlTooLarge = "The file is too large for an attendance e-mail.",
        EmlUnreadable = "The file is not a readable e-mail.",
        EmlNoCode = "The e-mail carries no verification code.",
        CodeChecked = "Code checked: {0}",
        OutcomeUnknown = "No stored roll carries this code: the e-mail did not come from a terminal of this server, or the code was altered.",
        OutcomeAuthentic = "Authentic: the code matches the stored roll, which is unaltered.",
        OutcomeAltered = "WARNING: the roll stored with this code no longer matches it: it was altered after it was received.",
        OutcomeKeyUnavailable = "The roll is stored, but its terminal's key was changed or removed: the code cannot be recomputed.",
        RollOutOfScope = "The roll is not one of your classes: its details are not shown.",
        Comparison = "The e-mail's list compared with the stored roll",
        CompareSame = "The e-mail lists the same students as the stored roll.",
        CompareNoList = "The e-mail has neither a CSV attachment nor a readable list of students.",
        CompareOnlyStored = "{0}: in the stored roll, not in the e-mail",
        CompareOnlyInEmail = "{0}: in the e-mail, not in the stored roll",
        CompareStatusDiffers = "{0}: status “{1}” in the e-mail, “{2}” in the stored roll",
        SignInTitle = "Sign in to the attendance portal",
        UserName = "User name",
        Password = "Password",
        SignIn = "Sign in",
        SignOut = "Sign out",
        SignOutTitle = "Sign out of the portal",
        SignInFailed = "Wrong user name or password.",
        SignInLockedOut = "Too many failed attempts: the account is locked for a few minutes. Try later or ask an administrator.",
        SignInRequired = "Fill in the user name and the password.",
        SignedInAs = "Signed in as",
        AccessDeniedTitle = "Access denied",
        AccessDenied = "Your account cannot open this page.",
        AccountsTitle = "Portal accounts",
        AccountsHelp = "Accounts are added and removed with the server's users command.",
        Role = "Role",
        AccountState = "State",
        AccountActive = "Active",
        Unlock = "Unlock",
        AccountUnlocked = "Account {0} unlocked.",
        NavTerminals = "Terminals",
        TerminalsTitle = "Terminals",
        TerminalsIntro = "Each terminal sends a health report at regular intervals. Offline: no report for more than {0} of the terminal's own intervals.",
        NoTerminals = "No terminals registered.",
        Online = "Online",
        Offline = "Offline",
        NeverSeen = "Never seen",
        LastSeen = "Last report",
        Warnings = "Warnings",
        WarningMailFailed = "E-mails failed for good: {0}",
        WarningClockSkew = "Clock off by {0} s",
        WarningLowMemory = "Low memory: {0} bytes free",
        WarningSettingsRejected = "Settings rejected: {0}",
        Firmware = "Firmware",
        Board = "Board",
        Uptime = "Up for",
        FreeMemory = "Free memory",
        IpAddress = "IP address",
        WifiSignal = "Wi-Fi signal",
        RollState = "Roll",
        OutboxCounts = "Outbox (pending / retrying / failed / uploads)",
        ClockSource = "Clock source",
        ClockSkew = "Clock skew",
        Unknown = "unknown",
        TerminalNotFound = "Unknown terminal.",
        LastErrors = "Last warning and error lines",
        FailedRolls = "Rolls whose e-mail failed for good",
        Reason = "Reason",
        ResendMail = "Re-send e-mail",
        ReloadSettings = "Reload settings",
        RequestFiled = "Request filed: the terminal gets it with its next report.",
        Requests = "Requests",
        RequestedBy = "Requested by",
        Delivered = "Delivered",
        Acknowledged = "Acknowledged",
        Outcome = "Outcome",
        NoReports = "No report yet.",
        Received = "Received",
        NavSettings = "Terminal settings",
        SettingsTitle = "Terminal settings",
        SettingsHelp = "Values the server gives terminals: those of all terminals, or one terminal's, which override them. A value in a terminal's own terminal.config always wins. An empty field leaves the key unset.",
        SettingsScope = "For",
        SettingsDefaults = "All terminals",
        SettingsVersion = "Settings version: {0}",
        SettingsKey = "Key",
        SettingsValue = "Value",
        SettingsDefaultValue = "Value for all terminals",
        SettingsSecretSet = "(set; never shown)",
        SettingsSecretNotSet = "(not set)",
        SettingsClearSecret = "remove",
        SettingsSave = "Save",
        SettingsSaved = "Saved: settings version {0}.",
        SettingsRefused = "Not saved: a terminal would refuse these values ({0}).",
    };

    public static IReadOnlyList<PortalText> All { get; } = new[] { Portuguese, English };

    /// <summary>The table for a culture: English for any "en-*", Portuguese otherwise (the default).</summary>
    public static PortalText For(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? English : Portuguese;

    /// <summary>The table of the current request (request localization sets the UI culture).</summary>
    public static PortalText Current => For(CultureInfo.CurrentUICulture);

    public string Format(string format, params object[] values) => string.Format(CultureInfo.CurrentCulture, format, values);

    public string StatusText(Data.PresenceStatus status) => status switch
    {
        Data.PresenceStatus.NotEnrolled => StatusNotEnrolled,
        Data.PresenceStatus.UnknownStudent => StatusUnknownStudent,
        _ => StatusEnrolled,
    };

    public string PeriodText(int year, int semester) => string.Format(CultureInfo.InvariantCulture, PeriodFormat, year, semester);
}
