namespace Attendance.Core.Lookup
{
    /// <summary>Work done over one authenticated exchange; run by <see cref="LookupClient.Run"/>.</summary>
    public delegate object LookupOperation(LookupExchange exchange);
}
