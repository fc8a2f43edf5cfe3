using System.Reflection;

[assembly: AssemblyTitle("Attendance.Terminal")]
[assembly: AssemblyDescription("Classroom attendance terminal: nanoFramework board application")]
[assembly: AssemblyProduct("Attendance terminal")]
[assembly: AssemblyVersion("1.0.0.0")]
