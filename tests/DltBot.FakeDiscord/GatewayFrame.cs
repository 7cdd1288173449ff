using System.Text.Json;

namespace DltBot.FakeDiscord;

/// <summary>A frame the fake gateway received from the client.</summary>
/// <param name="ConnectionNumber">1-based number of the connection it arrived on.</param>
/// <param name="Op">The frame's op code (-1 when the frame was not a JSON object with an integer op).</param>
/// <param name="Data">The frame's <c>d</c> (a clone; <see cref="JsonValueKind.Undefined"/> when absent or unparseable).</param>
/// <param name="Raw">The frame text exactly as received.</param>
/// <param name="ByteLength">Size of the frame in UTF-8 bytes (Discord closes with 4002 above 4096).</param>
public sealed record GatewayFrame(int ConnectionNumber, int Op, JsonElement Data, string Raw, int ByteLength, DateTimeOffset ReceivedAt)
{
    public override string ToString() => $"conn {ConnectionNumber} op {Op}: {Raw}";
}
