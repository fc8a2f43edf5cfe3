using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Attendance.Core.Hardware;

namespace Attendance.Host.Adapters.Tests;

/// <summary>
/// Every wait before a connection is usable is bounded by the connect timeout (issue 11): a peer that never
/// completes the TCP handshake, and one that accepts and never answers the TLS handshake.
/// </summary>
[TestClass]
public class ConnectTimeoutTests
{
    private const int TimeoutMilliseconds = 500;

    [TestMethod]
    public void A_peer_that_accepts_and_never_answers_the_TLS_handshake_times_out_within_the_connect_timeout()
    {
        // Listening but never accepting: the kernel completes the TCP handshake, nobody speaks TLS.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var watch = Stopwatch.StartNew();

            var exception = Assert.Throws<NetworkException>(() =>
                new SocketNetworkConnector().Connect("localhost", port, ConnectionSecurity.Tls, TimeoutMilliseconds));

            Assert.AreEqual(NetworkFailure.Timeout, exception.Failure, exception.Message);
            Assert.IsTrue(watch.ElapsedMilliseconds < 5 * TimeoutMilliseconds, "took " + watch.ElapsedMilliseconds + " ms");
        }
        finally
        {
            listener.Stop();
        }
    }

    [TestMethod]
    public void A_connect_that_gets_no_answer_gives_up_at_the_timeout()
    {
        // A listener whose accept queue is full: Linux drops further SYNs, so those connects get no answer at all.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var held = new List<INetworkConnection>();
        try
        {
            NetworkException? failure = null;
            long elapsed = 0;
            for (var attempt = 0; attempt < 16 && failure == null; attempt++)
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    held.Add(new SocketNetworkConnector().Connect("127.0.0.1", port, ConnectionSecurity.Plain, TimeoutMilliseconds));
                }
                catch (NetworkException exception)
                {
                    failure = exception;
                    elapsed = watch.ElapsedMilliseconds;
                }
            }

            Assert.IsNotNull(failure, "the accept queue never filled");
            Assert.AreEqual(NetworkFailure.Unreachable, failure.Failure);
            StringAssert.Contains(failure.Message, "no answer within " + TimeoutMilliseconds + " ms");
            Assert.IsTrue(elapsed >= TimeoutMilliseconds - 50 && elapsed < 5 * TimeoutMilliseconds, "gave up after " + elapsed + " ms");
        }
        finally
        {
            foreach (var connection in held)
            {
                connection.Dispose();
            }
        }
    }
}
