namespace Attendance.Demo;

/// <summary>
/// One thing the person at the door does, and what the demo says about it; or, with <see cref="MinutesPass"/>,
/// time passing (the terminal's clock moves on that much, so the demo need not wait for a late student).
/// </summary>
public sealed record DemoSwipe(string Narration, byte[] ReaderBytes, int MinutesPass = 0);

/// <summary>
/// The scripted class, in the sample data's terms (server/Attendance.LookupServer/Storage/SampleData.cs):
/// professor P1001 teaches at every hour; A2001-A2003 are enrolled everywhere, A2004 nowhere. The class starts a
/// few minutes before the demo runs (<see cref="StartsMinutesAgo"/>); Maria da Graça Gonçalves arrives
/// <see cref="LateArrivalMinutes"/> minutes later, past the grace period, and is the only one marked late.
/// </summary>
public static class DemoScript
{
    public const string Professor = "P1001";

    /// <summary>The class's start, before the demo's first swipe.</summary>
    public const int StartsMinutesAgo = 5;

    /// <summary>The terminal's grace period (lookup.late-grace-minutes, 15 by default).</summary>
    public const int GraceMinutes = 15;

    /// <summary>How long after the others the late student comes: past the start plus the grace.</summary>
    public const int LateArrivalMinutes = 20;

    public const string LateStudent = "A2003";

    public static IReadOnlyList<DemoSwipe> Class { get; } =
    [
        Card("Professor Conceição Araújo opens the roll", Professor),
        Card("João Conceição swipes", "A2001"),
        Card("Ñandú Müller swipes", "A2002"),
        Card("João Conceição swipes again (duplicate)", "A2001"),
        Card("An unknown card is swiped", "ZZ9999"),
        Card("Zoë Brontë Açores, not enrolled in this class, swipes", "A2004"),
        new("A garbled read arrives on the UART", [0x41, 0x32, 0x1B, 0xFF, 0x30, 0x0D]),
        new(LateArrivalMinutes + " minutes pass (the terminal's clock moves on)", [], LateArrivalMinutes),
        Card("Maria da Graça Gonçalves swipes, late", LateStudent),
        Card("Professor Conceição Araújo closes the roll", Professor),
    ];

    /// <summary>Codes the e-mail must list, in swipe order (duplicate and garbled read left out).</summary>
    public static IReadOnlyList<string> ExpectedStudents { get; } = ["A2001", "A2002", "ZZ9999", "A2004", LateStudent];

    private static DemoSwipe Card(string narration, string code) =>
        new(narration, System.Text.Encoding.ASCII.GetBytes(code + "\r"));
}
