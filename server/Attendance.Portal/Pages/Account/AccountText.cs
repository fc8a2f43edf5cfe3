using System.Globalization;

namespace Attendance.Portal.Pages.Account;

/// <summary>
/// The sign-in pages' words, Portuguese by default and English when the request's culture is English. Kept here
/// until the portal's table of strings (Localization/) takes them.
/// </summary>
public static class AccountText
{
    public static string Pick(string portuguese, string english) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? english : portuguese;

    public static string SignInTitle => Pick("Entrar no portal de presenças", "Sign in to the attendance portal");

    public static string UserName => Pick("Utilizador", "User name");

    public static string Password => Pick("Palavra-passe", "Password");

    public static string SignIn => Pick("Entrar", "Sign in");

    public static string SignOut => Pick("Sair", "Sign out");

    public static string SignOutTitle => Pick("Sair do portal", "Sign out of the portal");

    public static string Failed => Pick("Utilizador ou palavra-passe errados.", "Wrong user name or password.");

    public static string LockedOut => Pick(
        "Demasiadas tentativas falhadas: a conta está bloqueada durante alguns minutos. Tente mais tarde ou peça a um administrador.",
        "Too many failed attempts: the account is locked for a few minutes. Try later or ask an administrator.");

    public static string Required => Pick("Preencha o utilizador e a palavra-passe.", "Fill in the user name and the password.");

    public static string AccessDeniedTitle => Pick("Acesso negado", "Access denied");

    public static string AccessDenied => Pick(
        "A sua conta não tem acesso a esta página.", "Your account cannot open this page.");

    public static string Home => Pick("Início", "Home");

    public static string UsersTitle => Pick("Contas do portal", "Portal accounts");

    public static string UsersHelp => Pick(
        "As contas criam-se e removem-se com o comando users do servidor.", "Accounts are added and removed with the server's users command.");

    public static string Role => Pick("Papel", "Role");

    public static string ProfessorCode => Pick("Código de professor", "Professor code");

    public static string State => Pick("Estado", "State");

    public static string Active => Pick("Ativa", "Active");

    public static string Unlock => Pick("Desbloquear", "Unlock");

    public static string Unlocked(string name) => Pick("Conta " + name + " desbloqueada.", "Account " + name + " unlocked.");

    public static string SignedInAs => Pick("Sessão de", "Signed in as");
}
