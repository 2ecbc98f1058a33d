using System.Net;
using System.Net.Sockets;

namespace RiskGrid.Testing;

public static class Ports
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Given = [];

    /// <summary>
    /// A loopback port free right now, taken below the kernel's ephemeral range: a port the kernel hands out for
    /// port 0 can be handed again, between this call and the child process's bind, to any outgoing connection
    /// (a Redis client, a silo dialling its peers), and the silo then fails with "address already in use".
    /// </summary>
    public static int Free()
    {
        var below = EphemeralLow();
        lock (Gate)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(Math.Max(1024, below - 20_000), below);
                if (Given.Contains(port) || !CanBind(port))
                {
                    continue;
                }

                Given.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException($"no free loopback port below {below} after 1000 tries");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'],
                StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    }
}
