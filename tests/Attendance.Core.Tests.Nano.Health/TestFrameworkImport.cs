// The board's test framework, chosen for the whole project. The shared test files name no framework; on the
// host, Attendance.Core.Tests.csproj imports MSTest the same way.
global using nanoFramework.TestFramework;
