// Skeleton (issue 15): lookup throughput per engine and mapping, cached and uncached, as ratios to SQLite with
// our own schema. The rows are filled in by the mapping work (SQLite/PostgreSQL, default and original-schema
// mappings) and the engines work (Firebird, MariaDB): one entry each in the configuration list.
Console.WriteLine("Attendance.Bench.Engines: no configurations yet");
return 0;
