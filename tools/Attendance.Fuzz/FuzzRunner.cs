using System.Diagnostics;

namespace Attendance.Fuzz;

/// <summary>
/// Runs inputs 0..count-1 of a target on worker threads under a time guard. Each worker records when its
/// current input started; a watchdog flags any input running longer than the limit as a hang, abandons that
/// worker (.NET cannot abort a thread) and starts a replacement, so one endless loop costs one thread and the
/// run still finishes. An input that ends but took longer than the limit is a hang too.
/// </summary>
public static class FuzzRunner
{
    public static FuzzResult Run(FuzzTarget target, int count, int seed, int threads, TimeSpan limit)
    {
        var result = new FuzzResult(target.Name);
        var clock = Stopwatch.StartNew();
        int next = -1;
        int done = 0;
        var workers = new List<Worker>();
        var gate = new object();

        void StartWorker()
        {
            var worker = new Worker();
            var thread = new Thread(() => worker.Loop(target, seed, count, result, limit, ref next, ref done)) { IsBackground = true };
            lock (gate)
            {
                workers.Add(worker);
            }

            thread.Start();
        }

        for (int i = 0; i < Math.Max(1, threads); i++)
        {
            StartWorker();
        }

        while (Volatile.Read(ref done) < count)
        {
            Thread.Sleep(20);
            Worker[] snapshot;
            lock (gate)
            {
                snapshot = workers.ToArray();
            }

            foreach (var worker in snapshot)
            {
                long started = Volatile.Read(ref worker.StartedTicks);
                int index = Volatile.Read(ref worker.CurrentIndex);
                if (!worker.Abandoned && index >= 0 && started != 0 && Stopwatch.GetElapsedTime(started) > limit)
                {
                    worker.Abandoned = true;
                    result.AddHang(index, Stopwatch.GetElapsedTime(started).TotalSeconds);
                    Interlocked.Increment(ref done);
                    lock (gate)
                    {
                        workers.Remove(worker);
                    }

                    StartWorker();
                }
            }
        }

        result.Inputs = count;
        result.Elapsed = clock.Elapsed;
        return result;
    }

    private sealed class Worker
    {
        public long StartedTicks;
        public int CurrentIndex = -1;
        public volatile bool Abandoned;

        public void Loop(FuzzTarget target, int seed, int count, FuzzResult result, TimeSpan limit, ref int next, ref int done)
        {
            while (!Abandoned)
            {
                int index = Interlocked.Increment(ref next);
                if (index >= count)
                {
                    return;
                }

                Volatile.Write(ref CurrentIndex, index);
                Volatile.Write(ref StartedTicks, Stopwatch.GetTimestamp());
                RunOne(target, seed, index, result);
                var took = Stopwatch.GetElapsedTime(Volatile.Read(ref StartedTicks));
                if (Abandoned)
                {
                    // The watchdog already counted this input as a hang and as done.
                    return;
                }

                Volatile.Write(ref StartedTicks, 0);
                if (took > limit)
                {
                    result.AddHang(index, took.TotalSeconds);
                }

                Interlocked.Increment(ref result.Inputs);
                Interlocked.Increment(ref done);
            }
        }
    }

    public static void RunOne(FuzzTarget target, int seed, int index, FuzzResult result)
    {
        var input = Mutator.Make(target, seed, index);
        bool parserFailed = false;
        try
        {
            target.Run(input);
        }
        catch (Exception exception) when (target.IsExpected(exception))
        {
            Interlocked.Increment(ref result.ExpectedRejections);
        }
        catch (Exception exception)
        {
            result.AddUnexpected(exception, index);
            parserFailed = true;
        }

        bool? wentOut;
        try
        {
            wentOut = target.ValidRollStillGoesOut(input);
        }
        catch (Exception)
        {
            wentOut = false;
        }

        if (wentOut != null)
        {
            result.AddValidRollCheck(wentOut.Value, index, parserFailed);
        }
    }
}
