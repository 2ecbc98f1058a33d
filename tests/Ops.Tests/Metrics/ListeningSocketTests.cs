using System.Net;
using System.Net.Sockets;
using RiskGrid.Silo.Operations;

namespace RiskGrid.Ops.Tests.Metrics;

/// <summary>
/// Silos started together on one machine all ask for the default metrics and dashboard ports. With
/// SO_REUSEADDR (.NET's default on Linux) several of them can bind the port and all but the first to
/// listen fail at <c>listen</c>; each must still end up listening, on the asked port or a free one.
/// </summary>
public sealed class ListeningSocketTests
{
    [Fact]
    public void Claims_racing_for_one_port_each_listen_one_on_the_port_the_others_on_free_ports()
    {
        const int claimants = 8;
        for (var round = 0; round < 40; round++)
        {
            var port = Ports.Free();
            using var start = new Barrier(claimants);
            var claims = new (Socket Socket, bool GaveWay)[claimants];
            var errors = new Exception?[claimants];
            var threads = Enumerable.Range(0, claimants).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    claims[i] = ListeningSocket.Claim(IPAddress.Loopback, port);
                }
                catch (SocketException ex)
                {
                    errors[i] = ex;
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            try
            {
                Assert.All(errors, e => Assert.Null(e));
                var ports = claims.Select(c => ((IPEndPoint)c.Socket.LocalEndPoint!).Port).ToList();
                Assert.Equal(claimants, ports.Distinct().Count());
                Assert.Single(ports, p => p == port);
                Assert.Single(claims, c => !c.GaveWay);
                foreach (var p in ports)
                {
                    using var client = new TcpClient();
                    client.Connect(IPAddress.Loopback, p); // listening: the connection is queued
                }
            }
            finally
            {
                foreach (var c in claims)
                {
                    c.Socket?.Dispose();
                }
            }
        }
    }

    [Fact]
    public void A_port_another_socket_listens_on_gives_way_to_a_free_one()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (socket, gaveWay) = ListeningSocket.Claim(IPAddress.Loopback, port);
        using (socket)
        {
            Assert.True(gaveWay);
            Assert.NotEqual(port, ((IPEndPoint)socket.LocalEndPoint!).Port);
        }
    }
}
