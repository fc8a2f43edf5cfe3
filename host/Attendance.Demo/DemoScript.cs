namespace Attendance.Demo;

/// <summary>One thing the person at the door does, and what the demo says about it.</summary>
public sealed record DemoSwipe(string Narration, byte[] ReaderBytes);

/// <summary>
/// The scripted class, in the sample data's terms (server/Attendance.LookupServer/Storage/SampleData.cs):
/// professor P1001 teaches at every hour; A2001-A2003 are enrolled everywhere, A2004 nowhere.
/// </summary>
public static class DemoScript
{
    public const string Professor = "P1001";

    public static IReadOnlyList<DemoSwipe> Class { get; } =
    [
        Card("Professor Conceição Araújo opens the roll", Professor),
        Card("João Conceição swipes", "A2001"),
        Card("Ñandú Müller swipes", "A2002"),
        Card("Maria da Graça Gonçalves swipes", "A2003"),
        Card("João Conceição swipes again (duplicate)", "A2001"),
        Card("An unknown card is swiped", "ZZ9999"),
        Card("Zoë Brontë Açores, not enrolled in this class, swipes", "A2004"),
        new("A garbled read arrives on the UART", [0x41, 0x32, 0x1B, 0xFF, 0x30, 0x0D]),
        Card("Professor Conceição Araújo closes the roll", Professor),
    ];

    /// <summary>Codes the e-mail must list, in swipe order (duplicate and garbled read left out).</summary>
    public static IReadOnlyList<string> ExpectedStudents { get; } = ["A2001", "A2002", "A2003", "ZZ9999", "A2004"];

    private static DemoSwipe Card(string narration, string code) =>
        new(narration, System.Text.Encoding.ASCII.GetBytes(code + "\r"));
}
