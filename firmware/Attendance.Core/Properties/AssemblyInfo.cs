using System.Reflection;

// Board build only: the host twin generates its own assembly attributes.
[assembly: AssemblyTitle("Attendance.Core")]
[assembly: AssemblyDescription("Hardware-free logic of the classroom attendance terminal")]
[assembly: AssemblyProduct("Attendance terminal")]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
