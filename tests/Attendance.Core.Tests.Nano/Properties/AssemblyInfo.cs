using System.Reflection;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("Attendance.Core tests on the nanoFramework emulator or a board")]
[assembly: AssemblyVersion("1.0.0.0")]
