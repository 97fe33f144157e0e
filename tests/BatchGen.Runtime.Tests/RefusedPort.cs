using System.Net;
using System.Net.Sockets;

namespace BatchGen.Runtime.Tests;

/// <summary>A loopback address nothing listens on: connections to it are refused at once.</summary>
internal static class RefusedPort
{
    /// <summary>The base address <c>http://127.0.0.1:{port}/v1/</c> of a port just released.</summary>
    public static Uri BaseAddress()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/v1/");
    }
}
