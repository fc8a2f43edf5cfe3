// Package: nanoFramework.Runtime.Native 1.7.11 (assembly nanoFramework.Runtime.Native)
// Reference API only: signatures as in nanoframework/nanoFramework.Runtime.Native at tag v1.7.11
// (nanoFramework.Runtime.Native/Power.cs, RebootOption.cs, GC.cs, RTC.cs, System/Environment.cs), bodies throw null. Only the
// members this repository uses; enums whole. README.md beside.

namespace nanoFramework.Runtime.Native
{
    public class Power
    {
        public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot) { throw null; }
        public static void RebootDevice(int exeConstraintTimeout, RebootOption rebootOption = RebootOption.NormalReboot) { throw null; }
    }

    public static class GC
    {
        public static uint Run(bool compactHeap) { throw null; }
    }

    public static class Rtc
    {
        public static bool SetSystemTime(System.DateTime time) { throw null; }
    }

    public enum RebootOption
    {
        NormalReboot = 0,
        EnterNanoBooter = 1,
        ClrOnly = 2,
        EnterProprietaryBooter = 8,
    }
}

namespace System
{
    // The board's mscorlib has no Environment: this package adds it, with TickCount64 only.
    public static partial class Environment
    {
        public static long TickCount64 { get { throw null; } }
    }
}
