using Microsoft.Extensions.Logging;

namespace Attendance.LookupServer.Protocol;

/// <summary>
/// A stored value that breaks the data rules (Storage/DataRules.cs), found while answering: it can only come
/// from outside the import (direct SQL). Warning, without the value or the code (personal data: the request's
/// arguments are at Debug, RequestLog); the rule broken says what to look for.
/// </summary>
internal static partial class DataRuleLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Command}: the stored name {Problem}; answered a repaired name (fix the row, e.g. with import --upsert)")]
    public static partial void NameRepaired(ILogger logger, string command, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Command}: the stored value {Problem}; answered ERRO|dado invalido (fix the row, e.g. with import --upsert)")]
    public static partial void ValueRefused(ILogger logger, string command, string problem);
}
