using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace DltBot.Discord.Gateway;

/// <summary>Sends frames on one connection: size check, rate limit, and one send at a time (WebSockets forbid concurrent sends).</summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "SemaphoreSlim only holds an OS handle once AvailableWaitHandle is read, which never happens here; and a caller may still hold the sender of a connection that just ended, so disposing it would turn a late send into ObjectDisposedException.")]
public sealed class GatewayFrameSender
{
    public const int MaxFrameBytes = 4096;

    private readonly IGatewayTransport _transport;
    private readonly GatewaySendLimiter _limiter;
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public GatewayFrameSender(IGatewayTransport transport, GatewaySendLimiter limiter)
    {
        _transport = transport;
        _limiter = limiter;
    }

    public Task SendHeartbeatAsync(int? lastSequence, CancellationToken cancellationToken) =>
        SendAsync((int)GatewayOpcode.Heartbeat,
            JsonSerializer.SerializeToUtf8Bytes(new GatewaySendFrame<int?>((int)GatewayOpcode.Heartbeat, lastSequence), GatewayJsonContext.Default.GatewaySendFrameNullableInt32),
            isHeartbeat: true, cancellationToken);

    public Task SendIdentifyAsync(IdentifyData identify, CancellationToken cancellationToken) =>
        SendAsync((int)GatewayOpcode.Identify,
            JsonSerializer.SerializeToUtf8Bytes(new GatewaySendFrame<IdentifyData>((int)GatewayOpcode.Identify, identify), GatewayJsonContext.Default.GatewaySendFrameIdentifyData),
            isHeartbeat: false, cancellationToken);

    public Task SendResumeAsync(ResumeData resume, CancellationToken cancellationToken) =>
        SendAsync((int)GatewayOpcode.Resume,
            JsonSerializer.SerializeToUtf8Bytes(new GatewaySendFrame<ResumeData>((int)GatewayOpcode.Resume, resume), GatewayJsonContext.Default.GatewaySendFrameResumeData),
            isHeartbeat: false, cancellationToken);

    /// <summary>Any other opcode (e.g. 3 presence update) with raw data.</summary>
    public Task SendAsync(GatewayOpcode opcode, JsonElement? data, CancellationToken cancellationToken) =>
        SendAsync((int)opcode,
            JsonSerializer.SerializeToUtf8Bytes(new GatewaySendFrame<JsonElement?>((int)opcode, data), GatewayJsonContext.Default.GatewaySendFrameNullableJsonElement),
            opcode == GatewayOpcode.Heartbeat, cancellationToken);

    private async Task SendAsync(int opcode, byte[] frame, bool isHeartbeat, CancellationToken cancellationToken)
    {
        if (frame.Length > MaxFrameBytes)
        {
            throw new GatewayPayloadTooLargeException(opcode, frame.Length);
        }

        await _limiter.WaitAsync(isHeartbeat, cancellationToken).ConfigureAwait(false);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _transport.SendAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
