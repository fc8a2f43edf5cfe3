namespace Attendance.Core.Lookup
{
    /// <summary>
    /// <see cref="IProfessorDirectory"/> over the lookup server: AUTENTICAR and EHPROFESSOR pipelined after the
    /// greeting, so recognising a professor's card takes two round trips.
    /// </summary>
    public class LookupProfessorDirectory : IProfessorDirectory
    {
        private readonly LookupClient _client;
        private string _cardCode;

        public LookupProfessorDirectory(LookupClient client)
        {
            _client = client;
        }

        public string FindProfessorEmail(string cardCode)
        {
            _cardCode = cardCode;
            return (string)_client.Run(new LookupOperation(AskIsProfessor));
        }

        private object AskIsProfessor(LookupExchange exchange)
        {
            exchange.Queue1(LookupProtocol.IsProfessor, _cardCode);
            exchange.Flush();
            _client.ReadAuthentication(exchange);
            return LookupAnswers.ValueOrNull(exchange.ReadFields(), LookupProtocol.NotProfessor, LookupProtocol.IsProfessor);
        }
    }
}
