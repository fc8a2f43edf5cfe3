// Package: nanoFramework.Networking.Sntp 1.6.42 (assembly nanoFramework.Networking.Sntp)
// Reference API only: signatures as in nanoframework/nanoFramework.Networking.Sntp at tag v1.6.42
// (nanoFramework.Networking.Sntp/Sntp.cs: the whole class), bodies throw null. README.md beside.

namespace nanoFramework.Networking
{
    public class Sntp
    {
        public static void Start() { throw null; }
        public static void Stop() { throw null; }
        public static void UpdateNow() { throw null; }
        public static bool IsStarted { get { throw null; } }
        public static string Server1 { get { throw null; } set { throw null; } }
        public static string Server2 { get { throw null; } set { throw null; } }
    }
}
