using System;

// System.Console is in mscorlib 1.17 (the nanoFramework unit-test launcher prints with it); the subset analyzer's
// hand-written list predates it. The heap probe's one output line goes there, on the nanoCLR and on the host.
#pragma warning disable NANO011

namespace Attendance.Bench.BoardHeap
{
    /// <summary>
    /// Entry point of the heap probe. On the nanoCLR (the board build) the program gets no arguments, so
    /// tools/nano-emulator/build.sh compiles one program per scenario with its name in ScenarioChoice.Name (a
    /// file it writes). The host build runs the scenario named by its argument (default "lean-40"), so the shared
    /// source is compiled and run on every build; the heap is measured on the nanoCLR only
    /// (tools/nano-emulator/heap-probe.sh).
    /// </summary>
    public static class Program
    {
#if NANOFRAMEWORK_1_0
        public static void Main()
        {
            Console.WriteLine(BoardHeapScenarios.Run(ScenarioChoice.Name));
        }
#else
        public static int Main(string[] args)
        {
            Console.WriteLine(BoardHeapScenarios.Run(args.Length > 0 ? args[0] : "lean-40"));
            return 0;
        }
#endif
    }
}
