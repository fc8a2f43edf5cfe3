namespace Attendance.LookupServer.Protocol;

/// <summary>
/// Names and limits of the roll upload (docs/protocol.md, "Uploading a roll"). The server's own copy until Core's
/// LookupProtocol carries them for the terminal's side; the words are the protocol's, so the two must agree.
/// </summary>
public static class RollUploadProtocol
{
    /// <summary>CHAMADA|roll id|professor|class|opened UTC|closed UTC|late after UTC|auto|count</summary>
    public const string Begin = "CHAMADA";

    /// <summary>PRESENCA|student|first swipe UTC</summary>
    public const string Presence = "PRESENCA";

    /// <summary>FIMCHAMADA|roll id|verification code</summary>
    public const string End = "FIMCHAMADA";

    /// <summary>FIMCHAMADA's answer: CHAMADAGUARDADA|roll id.</summary>
    public const string Stored = "CHAMADAGUARDADA";

    /// <summary>Most PRESENCA lines one roll may have: far above a lecture hall, and it bounds a connection's memory.</summary>
    public const int MaximumPresences = 10_000;

    // Reasons of the upload's ERRO answers.
    public const string NotStarted = "chamada sem inicio";
    public const string Incomplete = "chamada incompleta";
    public const string TooManyPresences = "presencas demais";
    public const string WrongCode = "codigo de verificacao invalido";
    public const string NotAuthenticated = "nao autenticado";

    /// <summary>Argument fields after the command name, or -1 when it is not an upload command.</summary>
    public static int ArgumentCount(string command) => command switch
    {
        Begin => 8,
        Presence => 2,
        End => 2,
        _ => -1,
    };
}
