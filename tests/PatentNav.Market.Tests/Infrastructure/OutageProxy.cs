using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PatentNav.Market.Tests.Infrastructure;

/// <summary>
/// A loopback TCP forwarder in front of the test PostgreSQL server, so a test can take the database away from one
/// silo as a restart does: <see cref="Stop"/> cuts every open connection and refuses new ones,
/// <see cref="Start"/> accepts again on the same port.
/// </summary>
public sealed class OutageProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly int _port = SiloHost.FreePort();
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private TcpListener? _listener;
    private CancellationTokenSource _stopping = new();

    public OutageProxy(string connectionString)
    {
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        _target = new IPEndPoint(IPAddress.Parse(server.Host == "localhost" ? "127.0.0.1" : server.Host!), server.Port);
        Start();
    }

    /// <summary>The same connection string, through the proxy.</summary>
    public string Route(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = _port }.ConnectionString;

    public void Start()
    {
        _stopping = new CancellationTokenSource();
        var listener = new TcpListener(IPAddress.Loopback, _port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener, _stopping.Token);
    }

    /// <summary>Refuses new connections and resets the open ones.</summary>
    public void Stop()
    {
        _stopping.Cancel();
        _listener?.Stop();
        _listener = null;
        foreach (var socket in _open.Keys)
        {
            try { socket.LingerState = new LingerOption(true, 0); } // RST, as a killed server's host sends
            catch (ObjectDisposedException) { }
            socket.Dispose();
        }
        _open.Clear();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try { client = await listener.AcceptSocketAsync(stopping); }
            catch (Exception) when (stopping.IsCancellationRequested) { return; }
            catch (SocketException) { return; }
            _ = ForwardAsync(client, stopping);
        }
    }

    private async Task ForwardAsync(Socket client, CancellationToken stopping)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _open[client] = 0;
        _open[server] = 0;
        try
        {
            await server.ConnectAsync(_target, stopping);
            await Task.WhenAny(CopyAsync(client, server, stopping), CopyAsync(server, client, stopping));
        }
        catch (Exception)
        {
            // cut by Stop, or the other side closed
        }
        finally
        {
            _open.TryRemove(client, out _);
            _open.TryRemove(server, out _);
            client.Dispose();
            server.Dispose();
        }
    }

    private static async Task CopyAsync(Socket from, Socket to, CancellationToken stopping)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await from.ReceiveAsync(buffer, SocketFlags.None, stopping);
            if (read == 0) return;
            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stopping);
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
