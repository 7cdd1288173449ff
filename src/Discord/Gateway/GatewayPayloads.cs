using System.Text.Json;
using System.Text.Json.Serialization;

namespace DltBot.Discord.Gateway;

/// <summary>Gateway opcodes this client sends or understands.</summary>
public enum GatewayOpcode
{
    Dispatch = 0,
    Heartbeat = 1,
    Identify = 2,
    PresenceUpdate = 3,
    Resume = 6,
    Reconnect = 7,
    InvalidSession = 9,
    Hello = 10,
    HeartbeatAck = 11,
}

/// <summary>A frame as received: <c>{"op", "d", "s", "t"}</c>; <c>s</c> and <c>t</c> are set only for dispatches.</summary>
public sealed record GatewayReceivedFrame(
    [property: JsonPropertyName("op")] int Op,
    [property: JsonPropertyName("d")] JsonElement D,
    [property: JsonPropertyName("s")] int? S,
    [property: JsonPropertyName("t")] string? T);

/// <summary>A frame as sent. <c>d</c> is always written, even when null (a first heartbeat carries <c>"d": null</c>).</summary>
public sealed record GatewaySendFrame<TData>(
    [property: JsonPropertyName("op")] int Op,
    [property: JsonPropertyName("d")] TData D);

public sealed record HelloData([property: JsonPropertyName("heartbeat_interval")] int HeartbeatInterval);

public sealed record IdentifyProperties(
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("browser")] string Browser,
    [property: JsonPropertyName("device")] string Device);

public sealed record IdentifyData(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("intents")] int Intents,
    [property: JsonPropertyName("properties")] IdentifyProperties Properties,
    [property: JsonPropertyName("shard"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int[]? Shard = null)
{
    // Records print every member; the token must never reach a log line.
    public override string ToString() => $"IdentifyData {{ Token = ***, Intents = {Intents}, Properties = {Properties} }}";
}

public sealed record ResumeData(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("session_id")] string? SessionId,
    [property: JsonPropertyName("seq")] int? Seq)
{
    public override string ToString() => $"ResumeData {{ Token = ***, SessionId = {SessionId}, Seq = {Seq} }}";
}

/// <summary>The two READY fields the connection needs; the bot reads the rest from the raw dispatch.</summary>
public sealed record ReadyData(
    [property: JsonPropertyName("session_id")] string? SessionId,
    [property: JsonPropertyName("resume_gateway_url")] string? ResumeGatewayUrl);

/// <summary>Intent bits. This bot asks for <see cref="Guilds"/> only: no privileged intents.</summary>
[Flags]
public enum GatewayIntents
{
    None = 0,
    Guilds = 1 << 0,
}

[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Default,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(GatewayReceivedFrame))]
[JsonSerializable(typeof(HelloData))]
[JsonSerializable(typeof(ReadyData))]
[JsonSerializable(typeof(GatewaySendFrame<IdentifyData>))]
[JsonSerializable(typeof(GatewaySendFrame<ResumeData>))]
[JsonSerializable(typeof(GatewaySendFrame<int?>))]
[JsonSerializable(typeof(GatewaySendFrame<JsonElement?>))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
