using System.Net;
using System.Net.Sockets;

namespace RiskGrid.Silo.Operations;

/// <summary>A TCP socket bound and listening on a port, or on a free one when that port is taken.</summary>
internal static class ListeningSocket
{
    /// <summary>
    /// A listening socket on <paramref name="port"/>, or on a free port (GaveWay) when another socket has it.
    /// .NET binds with SO_REUSEADDR on Linux, so two silos starting together can both bind the port and
    /// only the second <c>listen</c> fails: a port in use is caught at either step.
    /// </summary>
    public static (Socket Socket, bool GaveWay) Claim(IPAddress address, int port)
    {
        if (TryListen(address, port) is { } socket)
        {
            return (socket, false);
        }

        return (TryListen(address, 0) ?? throw new SocketException((int)SocketError.AddressAlreadyInUse), true);
    }

    private static Socket? TryListen(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(512);
            return socket;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
