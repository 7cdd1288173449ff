using System.Text.Json.Serialization;
using DltBot.Discord.Models;

namespace DltBot.Discord.Json;

/// <summary>
/// The one source-generated JSON context for every Discord payload: snake_case names, nulls omitted on write,
/// unknown fields ignored, snowflakes as <see cref="ulong"/> read from strings or numbers.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    Converters = [typeof(SnowflakeConverter)])]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(InteractionResponse))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(MessageCreateRequest))]
[JsonSerializable(typeof(MessageEditRequest))]
[JsonSerializable(typeof(IReadOnlyList<Message>))]
[JsonSerializable(typeof(Channel))]
[JsonSerializable(typeof(Guild))]
[JsonSerializable(typeof(GuildMember))]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(StartThreadRequest))]
[JsonSerializable(typeof(GatewayBot))]
[JsonSerializable(typeof(ApplicationCommand))]
[JsonSerializable(typeof(IReadOnlyList<ApplicationCommand>))]
[JsonSerializable(typeof(List<ApplicationCommand>))]
[JsonSerializable(typeof(DiscordErrorBody))]
[JsonSerializable(typeof(RateLimitBody))]
public sealed partial class DiscordJsonContext : JsonSerializerContext;
