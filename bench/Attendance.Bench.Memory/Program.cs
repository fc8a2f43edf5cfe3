using Attendance.Bench.Memory;

// Usage: dotnet run -c Release --project bench/Attendance.Bench.Memory [-- capacity codeLength]
int capacity = args.Length > 0 ? int.Parse(args[0]) : 400;
int codeLength = args.Length > 1 ? int.Parse(args[1]) : 10;
return RollMemoryBenchmark.Run(capacity, codeLength, Console.Out) ? 0 : 1;
