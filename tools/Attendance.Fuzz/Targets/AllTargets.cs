namespace Attendance.Fuzz.Targets;

/// <summary>Every parser of received or stored bytes, in the order the table prints them.</summary>
public static class AllTargets
{
    public static FuzzTarget[] Create() =>
    [
        new CardFramerTarget(),
        new LookupLineTarget(),
        new LookupClientAnswersTarget(),
        new UploadAnswersTarget(),
        new LookupServerRequestTarget(),
        new SmtpReplyTarget(),
        new JournalTarget(),
        OutboxRecordTarget.Roll(),
        OutboxRecordTarget.Report(),
        OutboxRecordTarget.State(),
        new OutboxRecordWindowTarget(),
        new OutboxStoreTarget(),
        new ProfessorCacheTarget(),
        new SettingsTarget(),
    ];
}
