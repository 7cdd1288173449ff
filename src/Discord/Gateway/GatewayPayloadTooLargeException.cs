using System.Text.Json;

namespace DltBot.Discord.Gateway;

/// <summary>Thrown instead of sending a frame Discord would answer with close code 4002.</summary>
public sealed class GatewayPayloadTooLargeException(int opcode, int size)
    : InvalidOperationException(
        $"The gateway frame for op {opcode} is {size} bytes; Discord accepts at most {GatewayFrameSender.MaxFrameBytes} bytes per frame " +
        "and closes the connection (4002) otherwise. Send less data in this payload.")
{
    public int Opcode { get; } = opcode;

    public int Size { get; } = size;
}
