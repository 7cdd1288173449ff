namespace DltBot.Discord.Gateway;

public enum GatewayTransportState
{
    None,
    Connecting,
    Open,
    Closing,
    Closed,
}

/// <summary>What one receive produced: a whole text message, or the end of the connection.</summary>
public abstract record GatewayReceiveResult
{
    private GatewayReceiveResult() { }

    /// <summary>One complete message (all WebSocket fragments joined), UTF-8 JSON.</summary>
    public sealed record Message(ReadOnlyMemory<byte> Utf8Json) : GatewayReceiveResult;

    /// <summary>The connection ended. <paramref name="CloseCode"/> is null when it dropped without a close frame.</summary>
    public sealed record Closed(int? CloseCode, string? Reason) : GatewayReceiveResult;
}

/// <summary>
/// One gateway connection. The client owns it for one connection only and asks the factory for a fresh one to reconnect.
/// Sends are never issued concurrently by the client; a receive may be pending while a send runs.
/// </summary>
public interface IGatewayTransport : IAsyncDisposable
{
    GatewayTransportState State { get; }

    Task ConnectAsync(Uri uri, CancellationToken cancellationToken);

    Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken);

    /// <summary>Receives one whole message. A dropped connection is reported as <see cref="GatewayReceiveResult.Closed"/>, not thrown.</summary>
    Task<GatewayReceiveResult> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Sends a close frame with the code and stops. Best effort: the peer may already be gone.</summary>
    Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken);
}

public interface IGatewayTransportFactory
{
    IGatewayTransport Create();
}
