using Attendance.LookupServer.Storage;

namespace Attendance.LookupServer.Tests;

/// <summary>Facts of the demo data set the fixtures load (Storage/SampleData.cs) for a fixed year.</summary>
public static class TestData
{
    public const int Year = 2026;

    public const string TerminalId = SampleData.DemoTerminalId;

    public const string TerminalKeyHex = SampleData.DemoTerminalKeyHex;
}
