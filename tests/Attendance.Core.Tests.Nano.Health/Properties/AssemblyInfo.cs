using System.Reflection;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("Attendance.Core tests of Lookup and Mail on the nanoFramework emulator or a board")]
[assembly: AssemblyVersion("1.0.0.0")]
