using System.Collections.Concurrent;
using System.Diagnostics;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// Read-through cache of answers (names, e-mails, classes, courses, schedule, enrolment, and "not found") in
/// front of the database store. Terminal keys are not cached: authentication reads the database each time, so
/// a replaced key takes effect at once.
/// <para>
/// Freshness: at most every <see cref="CacheOptions.CheckIntervalMilliseconds"/> a lookup asks the
/// <see cref="IDatabaseChangeDetector"/> for the database version; when it moved, every answer is dropped at
/// once by starting a new <see cref="Generation"/>. A lookup that misses takes the current generation before it
/// reads the database and stores its answer into that generation, so an answer read before a commit can only
/// land in a generation that the next check throws away: it never outlives the check that notices the commit.
/// On PostgreSQL a generation also ends after <see cref="CacheOptions.PostgreSqlTimeToLiveMilliseconds"/> when set
/// (for writers that bypass the change triggers).
/// On a database we do not own there are no triggers: each answer lasts its command's time-to-live
/// (<see cref="CacheOptions.TimeToLiveSeconds"/>, <see cref="DefaultTimeToLiveSeconds"/>), and `cache flush` empties the
/// cache through a row in our own database (<see cref="CacheFlushDetector"/>).
/// </para>
/// Memory: at most <see cref="CacheOptions.MaximumEntries"/> answers; a full cache starts again empty.
/// </summary>
public sealed class CachingLookupStore : ILookupStore, IDisposable
{
    private readonly ILookupStore _inner;
    private readonly IDatabaseChangeDetector _detector;
    private readonly int _maximumEntries;
    private readonly long _checkIntervalTicks;
    private readonly long _maximumAgeTicks;
    private readonly long[] _timeToLiveTicks;
    private readonly object _checkGate = new();
    private Generation _current = new();
    private long _lastCheck;
    private long? _version;

    internal CachingLookupStore(ILookupStore inner, IDatabaseChangeDetector detector, int maximumEntries, TimeSpan checkInterval, TimeSpan maximumAge = default,
        IReadOnlyDictionary<string, int>? timeToLiveSeconds = null)
    {
        _timeToLiveTicks = new long[Enum.GetValues<Question>().Length];
        foreach (var question in Enum.GetValues<Question>())
        {
            var seconds = timeToLiveSeconds != null && timeToLiveSeconds.TryGetValue(CommandOf(question), out var configured) ? configured : 0;
            _timeToLiveTicks[(int)question] = seconds <= 0 ? 0 : seconds * Stopwatch.Frequency;
        }

        _inner = inner;
        _detector = detector;
        _maximumEntries = maximumEntries;
        _checkIntervalTicks = (long)(checkInterval.TotalSeconds * Stopwatch.Frequency);
        _maximumAgeTicks = (long)(maximumAge.TotalSeconds * Stopwatch.Frequency);
        _lastCheck = Stopwatch.GetTimestamp() - _checkIntervalTicks - 1;
    }

    /// <summary>
    /// Seconds an answer is kept on a database we do not own, per command, unless Lookup:Cache:TimeToLiveSeconds says
    /// otherwise: enrolment changes during the first weeks of a semester and decides a presence's status, so it is
    /// asked again after a minute; the class at a time and its start after five; e-mails (which also decide who is a
    /// professor) after five; names and courses, which hardly change within a day, after an hour.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> DefaultTimeToLiveSeconds = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["MATRICULADO"] = 60,
        ["CODIGOCADEIRA"] = 300,
        ["INICIOCADEIRA"] = 300,
        ["EHPROFESSOR"] = 300,
        ["NOMEPROFESSOR"] = 3600,
        ["NOMEALUNO"] = 3600,
        ["NOMECADEIRA"] = 3600,
        ["NOMECURSO"] = 3600,
        ["CODIGOCURSOCADEIRA"] = 3600,
    };

    /// <summary>
    /// The store the server uses on our own schema: the database store, behind a cache unless <c>MaximumEntries</c> is
    /// 0. SQLite notices commits by <c>PRAGMA data_version</c>, PostgreSQL by the notifications of the schema's change
    /// triggers (<see cref="PostgreSqlChangeDetector"/>).
    /// </summary>
    public static ILookupStore Create(ILookupStore database, LookupDatabase connections, CacheOptions options) =>
        Create(database, connections, options, followsChanges: true);

    /// <summary>
    /// As above; <paramref name="followsChanges"/> false for lookups that read a database we do not own (or tables of
    /// ours without change triggers): answers then last their time-to-live (<see cref="DefaultTimeToLiveSeconds"/>
    /// unless configured), and a `cache flush` request in our own database <paramref name="own"/> empties the cache.
    /// A time-to-live configured for a command applies in both cases.
    /// </summary>
    public static ILookupStore Create(ILookupStore database, LookupDatabase own, CacheOptions options, bool followsChanges)
    {
        // Change detection exists for SQLite and PostgreSQL; on another engine our own schema is cached as a mapping is.
        followsChanges &= own.Provider is DatabaseProvider.Sqlite or DatabaseProvider.PostgreSql;
        var timeToLive = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (!followsChanges)
        {
            foreach (var (command, seconds) in DefaultTimeToLiveSeconds)
            {
                timeToLive[command] = seconds;
            }
        }

        foreach (var (command, seconds) in options.TimeToLiveSeconds)
        {
            if (!DefaultTimeToLiveSeconds.ContainsKey(command) || seconds < 0)
            {
                throw new StartRefusedException("Lookup:Cache:TimeToLiveSeconds:" + command + " = " + seconds + ": the key must be one of "
                    + string.Join(", ", DefaultTimeToLiveSeconds.Keys) + " and the value 0 (no limit) or more seconds.");
            }

            timeToLive[command] = seconds;
        }

        if (options.MaximumEntries <= 0)
        {
            return database;
        }

        if (!followsChanges)
        {
            return new CachingLookupStore(database, new CacheFlushDetector(own), options.MaximumEntries,
                TimeSpan.FromMilliseconds(Math.Max(0, options.FlushCheckIntervalMilliseconds)), default, timeToLive);
        }

        var checkInterval = TimeSpan.FromMilliseconds(Math.Max(0, options.CheckIntervalMilliseconds));
        if (own.Provider == DatabaseProvider.Sqlite)
        {
            return new CachingLookupStore(database, new SqliteDataVersionDetector(own), options.MaximumEntries, checkInterval, default, timeToLive);
        }

        return new CachingLookupStore(database, new PostgreSqlChangeDetector(own), options.MaximumEntries, checkInterval,
            TimeSpan.FromMilliseconds(Math.Max(0, options.PostgreSqlTimeToLiveMilliseconds)), timeToLive);
    }

    /// <summary>Answers held now (for tests and diagnostics).</summary>
    public int Count => Volatile.Read(ref _current).Count;

    public Task<string?> FindProfessorEmailAsync(string professorCode, CancellationToken cancellationToken)
    {
        var key = new Key(Question.ProfessorEmail, professorCode);
        var generation = Current();
        return TryHit(generation, key, out var value)
            ? Task.FromResult(value)
            : LoadAsync(generation, key, _inner.FindProfessorEmailAsync(professorCode, cancellationToken));
    }

    public Task<string?> FindProfessorNameAsync(string professorCode, CancellationToken cancellationToken)
    {
        var key = new Key(Question.ProfessorName, professorCode);
        var generation = Current();
        return TryHit(generation, key, out var value)
            ? Task.FromResult(value)
            : LoadAsync(generation, key, _inner.FindProfessorNameAsync(professorCode, cancellationToken));
    }

    public Task<string?> FindStudentNameAsync(string studentCode, CancellationToken cancellationToken)
    {
        var key = new Key(Question.StudentName, studentCode);
        var generation = Current();
        return TryHit(generation, key, out var value)
            ? Task.FromResult(value)
            : LoadAsync(generation, key, _inner.FindStudentNameAsync(studentCode, cancellationToken));
    }

    public Task<string?> FindClassAtAsync(string professorCode, int weekday, string time, CancellationToken cancellationToken)
    {
        var key = new Key(Question.ClassAt, professorCode, time, Number: weekday);
        var generation = Current();
        return TryHit(generation, key, out var value)
            ? Task.FromResult(value)
            : LoadAsync(generation, key, _inner.FindClassAtAsync(professorCode, weekday, time, cancellationToken));
    }

    public Task<string?> FindClassStartAsync(string classCode, int weekday, string time, CancellationToken cancellationToken)
    {
        var key = new Key(Question.ClassStart, classCode, time, Number: weekday);
        var generation = Current();
        return TryHit(generation, key, out var value)
            ? Task.FromResult(value)
            : LoadAsync(generation, key, _inner.FindClassStartAsync(classCode, weekday, time, cancellationToken));
    }

    public Task<string?> FindCourseOfClassAsync(string classCode, CancellationToken cancellationToken)
    {
        var key = new Key(Question.CourseOfClass, classCode);
        var generation = Current();
        return TryHit(generation, key, out var value)
            ? Task.FromResult(value)
            : LoadAsync(generation, key, _inner.FindCourseOfClassAsync(classCode, cancellationToken));
    }

    public Task<string?> FindCourseNameAsync(string courseCode, CancellationToken cancellationToken)
    {
        var key = new Key(Question.CourseName, courseCode);
        var generation = Current();
        return TryHit(generation, key, out var value)
            ? Task.FromResult(value)
            : LoadAsync(generation, key, _inner.FindCourseNameAsync(courseCode, cancellationToken));
    }

    public Task<string?> FindClassNameAsync(string classCode, CancellationToken cancellationToken)
    {
        var key = new Key(Question.ClassName, classCode);
        var generation = Current();
        return TryHit(generation, key, out var value)
            ? Task.FromResult(value)
            : LoadAsync(generation, key, _inner.FindClassNameAsync(classCode, cancellationToken));
    }

    public Task<bool> IsEnrolledAsync(string studentCode, string classCode, string courseCode, int year, int semester, CancellationToken cancellationToken)
    {
        var key = new Key(Question.Enrolled, studentCode, classCode, courseCode, year, semester);
        var generation = Current();
        return TryHit(generation, key, out var value)
            ? Task.FromResult(value != null)
            : LoadEnrolmentAsync(generation, key, _inner.IsEnrolledAsync(studentCode, classCode, courseCode, year, semester, cancellationToken));
    }

    /// <summary>
    /// Hits from the cache; the misses in one batch from the store behind, stored into the generation taken
    /// before that read (as <see cref="LoadAsync"/> does), so an invalidation meanwhile throws them away.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string?>> FindStudentNamesAsync(IReadOnlyCollection<string> studentCodes, CancellationToken cancellationToken)
    {
        var generation = Current();
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        var misses = new List<string>();
        foreach (var code in studentCodes)
        {
            if (names.ContainsKey(code))
            {
                continue;
            }

            if (TryHit(generation, new Key(Question.StudentName, code), out var value))
            {
                names[code] = value;
            }
            else
            {
                names[code] = null;
                misses.Add(code);
            }
        }

        if (misses.Count > 0)
        {
            var loaded = await _inner.FindStudentNamesAsync(misses, cancellationToken).ConfigureAwait(false);
            foreach (var code in misses)
            {
                loaded.TryGetValue(code, out var value);
                names[code] = value;
                Remember(generation, new Key(Question.StudentName, code), value);
            }
        }

        return names;
    }

    /// <summary>As <see cref="FindStudentNamesAsync"/>, for enrolment (the same keys as <see cref="IsEnrolledAsync"/>).</summary>
    public async Task<IReadOnlySet<string>> FindEnrolledStudentsAsync(IReadOnlyCollection<string> studentCodes, string classCode, string courseCode, int year, int semester, CancellationToken cancellationToken)
    {
        var generation = Current();
        var enrolled = new HashSet<string>(StringComparer.Ordinal);
        var misses = new List<string>();
        var asked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in studentCodes)
        {
            if (!asked.Add(code))
            {
                continue;
            }

            if (TryHit(generation, new Key(Question.Enrolled, code, classCode, courseCode, year, semester), out var value))
            {
                if (value != null)
                {
                    enrolled.Add(code);
                }
            }
            else
            {
                misses.Add(code);
            }
        }

        if (misses.Count > 0)
        {
            var loaded = await _inner.FindEnrolledStudentsAsync(misses, classCode, courseCode, year, semester, cancellationToken).ConfigureAwait(false);
            foreach (var code in misses)
            {
                var isEnrolled = loaded.Contains(code);
                if (isEnrolled)
                {
                    enrolled.Add(code);
                }

                Remember(generation, new Key(Question.Enrolled, code, classCode, courseCode, year, semester), isEnrolled ? "1" : null);
            }
        }

        return enrolled;
    }

    public Task<string?> FindTerminalKeyHexAsync(string terminalId, CancellationToken cancellationToken) =>
        _inner.FindTerminalKeyHexAsync(terminalId, cancellationToken);

    public void Dispose()
    {
        lock (_checkGate)
        {
            _detector.Dispose();
        }
    }

    /// <summary>The generation to read and fill, after a change check when one is due.</summary>
    private Generation Current()
    {
        if (Stopwatch.GetTimestamp() - Volatile.Read(ref _lastCheck) >= _checkIntervalTicks)
        {
            Check();
        }

        return Volatile.Read(ref _current);
    }

    private void Check()
    {
        // One thread checks; the others answer from the generation that is current meanwhile, which is no older
        // than the previous check.
        if (!Monitor.TryEnter(_checkGate))
        {
            return;
        }

        try
        {
            long? version;
            try
            {
                version = _detector.ReadVersion();
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Unknown is a change: drop everything; the lookup itself then reads the database and reports
                // its error as usual.
                version = null;
            }

            var now = Stopwatch.GetTimestamp();
            if (version == null || version != _version
                || (_maximumAgeTicks > 0 && now - Volatile.Read(ref _current).Started >= _maximumAgeTicks))
            {
                Volatile.Write(ref _current, new Generation());
                _version = version;
            }

            Volatile.Write(ref _lastCheck, Stopwatch.GetTimestamp());
        }
        finally
        {
            Monitor.Exit(_checkGate);
        }
    }

    private async Task<string?> LoadAsync(Generation generation, Key key, Task<string?> loading)
    {
        var value = await loading.ConfigureAwait(false);
        Remember(generation, key, value);
        return value;
    }

    private async Task<bool> LoadEnrolmentAsync(Generation generation, Key key, Task<bool> loading)
    {
        var enrolled = await loading.ConfigureAwait(false);
        Remember(generation, key, enrolled ? "1" : null);
        return enrolled;
    }

    /// <summary>An answer of <paramref name="generation"/> that has not outlived its command's time-to-live.</summary>
    private static bool TryHit(Generation generation, Key key, out string? value)
    {
        if (generation.Entries.TryGetValue(key, out var entry)
            && (entry.Expires == long.MaxValue || Stopwatch.GetTimestamp() < entry.Expires))
        {
            value = entry.Value;
            return true;
        }

        value = null;
        return false;
    }

    private void Remember(Generation generation, Key key, string? value)
    {
        var timeToLive = _timeToLiveTicks[(int)key.Question];
        var entry = new Entry(value, timeToLive == 0 ? long.MaxValue : Stopwatch.GetTimestamp() + timeToLive);
        if (!generation.Entries.TryAdd(key, entry))
        {
            // An expired answer read again: replaced in place (it was counted when first added).
            generation.Entries[key] = entry;
            return;
        }

        if (Interlocked.Increment(ref generation.Count) > _maximumEntries)
        {
            // Full: start again empty rather than track recency per answer (a roll's students repeat within
            // minutes; a full cache is a sign the working set moved on).
            Interlocked.CompareExchange(ref _current, new Generation(), generation);
        }
    }

    private enum Question : byte
    {
        ProfessorEmail,
        ProfessorName,
        StudentName,
        ClassAt,
        ClassStart,
        CourseOfClass,
        CourseName,
        ClassName,
        Enrolled,
    }

    /// <summary>A question and its arguments; a struct, so a hit allocates no key.</summary>
    private readonly record struct Key(Question Question, string First, string? Second = null, string? Third = null, int Number = 0, int OtherNumber = 0);

    /// <summary>An answer and when it expires (Stopwatch ticks; long.MaxValue: when its generation ends).</summary>
    private readonly record struct Entry(string? Value, long Expires);

    /// <summary>The configuration key (the protocol's command) of a question.</summary>
    private static string CommandOf(Question question) => question switch
    {
        Question.ProfessorEmail => "EHPROFESSOR",
        Question.ProfessorName => "NOMEPROFESSOR",
        Question.StudentName => "NOMEALUNO",
        Question.ClassAt => "CODIGOCADEIRA",
        Question.ClassStart => "INICIOCADEIRA",
        Question.CourseOfClass => "CODIGOCURSOCADEIRA",
        Question.CourseName => "NOMECURSO",
        Question.ClassName => "NOMECADEIRA",
        _ => "MATRICULADO",
    };

    /// <summary>Answers read since one change check; replaced whole, never cleared in place.</summary>
    private sealed class Generation
    {
        public readonly ConcurrentDictionary<Key, Entry> Entries = new();
        public readonly long Started = Stopwatch.GetTimestamp();
        public int Count;
    }
}
