namespace Attendance.Bench.BoardHeap
{
    /// <summary>
    /// The scenario the board program runs (it gets no arguments). tools/nano-emulator/build.sh compiles its own copy
    /// of this file for each scenario instead; this one serves a build in Visual Studio. Board only: the host program
    /// takes the scenario as its argument.
    /// </summary>
    internal static class ScenarioChoice
    {
        public const string Name = "lean-40";
    }
}
