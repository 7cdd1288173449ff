using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace DltBot.FakeDiscord;

/// <summary>An interaction as Discord would send it: its id and token (for the callback route) and the JSON.</summary>
public sealed record FakeInteraction(string Id, string Token, string Json);

/// <summary>One leaf option of a slash command or autocomplete interaction.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The factory methods are named after Discord's option types they build (STRING, INTEGER, ...).")]
public sealed record FakeOption(string Name, int Type, JsonNode? Value)
{
    public static FakeOption String(string name, string value) => new(name, 3, JsonValue.Create(value));

    public static FakeOption Integer(string name, long value) => new(name, 4, JsonValue.Create(value));

    public static FakeOption Boolean(string name, bool value) => new(name, 5, JsonValue.Create(value));

    public static FakeOption Number(string name, double value) => new(name, 10, JsonValue.Create(value));

    public static FakeOption Channel(string name, string channelId) => new(name, 7, JsonValue.Create(channelId));
}

/// <summary>
/// Builds realistic interaction payloads (fresh snowflake id and token each, guild context by default) to feed
/// through <see cref="FakeGateway.SendInteractionAsync"/> or a signed POST to an HTTP endpoint.
/// </summary>
public sealed class FakeInteractionFactory
{
    private readonly FakeDiscordOptions _options;
    private readonly SnowflakeGenerator _ids;

    internal FakeInteractionFactory(FakeDiscordOptions options, SnowflakeGenerator ids)
    {
        _options = options;
        _ids = ids;
    }

    public string GuildId { get; set; } = "838486034743296000";

    public string ChannelId { get; set; } = "933273450578183326";

    public string UserId { get; set; } = "720629921742981889";

    public string Username { get; set; } = "lin.wei";

    /// <summary>The user's client locale (<c>locale</c>); absent on PING.</summary>
    public string Locale { get; set; } = "zh-CN";

    /// <summary>Member permissions string; "8" (ADMINISTRATOR) by default, "0" for a plain user.</summary>
    public string MemberPermissions { get; set; } = "8";

    /// <summary>False sends the interaction as from a DM with the bot: <c>user</c> instead of <c>member</c>, no guild.</summary>
    public bool InGuild { get; set; } = true;

    public FakeInteraction Ping()
    {
        var (id, token) = NewIdentity();
        var json = new JsonObject
        {
            ["application_id"] = _options.ApplicationId,
            ["entitlements"] = new JsonArray(),
            ["id"] = id,
            ["token"] = token,
            ["type"] = 1,
            ["user"] = User(),
            ["version"] = 1,
        };
        return new FakeInteraction(id, token, json.ToJsonString(FakeJson.Options));
    }

    /// <summary>Type 2: <c>/name [subcommand] options...</c> (pass "group subcommand" for a subcommand group).</summary>
    public FakeInteraction SlashCommand(string name, string? subcommand = null, params FakeOption[] options) =>
        Build(2, CommandData(name, subcommand, options, focused: null));

    /// <summary>Type 4: the user is typing <paramref name="partialValue"/> into <paramref name="focusedOption"/>.</summary>
    public FakeInteraction Autocomplete(string name, string? subcommand, string focusedOption, string partialValue, params FakeOption[] otherOptions) =>
        Build(4, CommandData(name, subcommand, [.. otherOptions, FakeOption.String(focusedOption, partialValue)], focused: focusedOption));

    /// <summary>Type 3, component 2: a click on a button of a message the bot posted.</summary>
    public FakeInteraction Button(string customId, string? messageId = null) =>
        Build(3, new JsonObject { ["component_type"] = 2, ["custom_id"] = customId, ["id"] = 1 }, Message(messageId, customId));

    /// <summary>Type 3, component 3: a string select with the chosen values.</summary>
    public FakeInteraction StringSelect(string customId, params string[] values) =>
        Build(3, new JsonObject
        {
            ["component_type"] = 3,
            ["custom_id"] = customId,
            ["id"] = 1,
            ["values"] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]),
        }, Message(null, customId));

    /// <summary>
    /// Type 5: a modal submit with text input values by custom_id, in the current Label layout (type 18 with
    /// <c>component</c>) or, with <paramref name="labelLayout"/> false, the older action-row layout (type 1 with <c>components</c>).
    /// </summary>
    public FakeInteraction ModalSubmit(string customId, IReadOnlyDictionary<string, string> values, bool labelLayout = true)
    {
        var components = new JsonArray();
        var componentId = 1;
        foreach (var (inputId, value) in values)
        {
            var input = new JsonObject { ["type"] = 4, ["id"] = componentId + 1, ["custom_id"] = inputId, ["value"] = value };
            components.Add(labelLayout
                ? new JsonObject { ["type"] = 18, ["id"] = componentId, ["component"] = input }
                : new JsonObject { ["type"] = 1, ["id"] = componentId, ["components"] = new JsonArray(input) });
            componentId += 2;
        }

        return Build(5, new JsonObject { ["custom_id"] = customId, ["components"] = components });
    }

    private JsonObject CommandData(string name, string? subcommand, FakeOption[] options, string? focused)
    {
        JsonArray leaves = [.. options.Select(o => (JsonNode?)Leaf(o, o.Name == focused))];
        JsonArray top = leaves;
        if (subcommand is not null)
        {
            var parts = subcommand.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var sub = new JsonObject { ["type"] = 1, ["name"] = parts[^1], ["options"] = leaves };
            top = parts.Length == 2
                ? [new JsonObject { ["type"] = 2, ["name"] = parts[0], ["options"] = new JsonArray(sub) }]
                : [sub];
        }

        var data = new JsonObject { ["id"] = StableId(name), ["name"] = name, ["type"] = 1 };
        if (top.Count > 0)
        {
            data["options"] = top;
        }

        if (InGuild)
        {
            data["guild_id"] = GuildId;
        }

        return data;
    }

    private static JsonObject Leaf(FakeOption option, bool focused)
    {
        var leaf = new JsonObject { ["type"] = option.Type, ["name"] = option.Name, ["value"] = option.Value?.DeepClone() };
        if (focused)
        {
            leaf["focused"] = true;
        }

        return leaf;
    }

    private FakeInteraction Build(int type, JsonObject data, JsonObject? message = null)
    {
        var (id, token) = NewIdentity();
        var json = new JsonObject
        {
            ["app_permissions"] = "562949953421311",
            ["application_id"] = _options.ApplicationId,
            ["attachment_size_limit"] = 10485760,
            ["authorizing_integration_owners"] = InGuild ? new JsonObject { ["0"] = GuildId } : new JsonObject { ["1"] = UserId },
            ["channel"] = new JsonObject
            {
                ["id"] = ChannelId,
                ["type"] = InGuild ? 0 : 1,
                ["guild_id"] = InGuild ? GuildId : null,
                ["name"] = "papers",
                ["permissions"] = "1125899906842623",
            },
            ["channel_id"] = ChannelId,
            ["context"] = InGuild ? 0 : 1,
            ["data"] = data,
            ["entitlement_sku_ids"] = new JsonArray(),
            ["entitlements"] = new JsonArray(),
            ["id"] = id,
            ["locale"] = Locale,
            ["token"] = token,
            ["type"] = type,
            ["version"] = 1,
        };
        if (InGuild)
        {
            json["guild"] = new JsonObject { ["id"] = GuildId, ["locale"] = "zh-CN", ["features"] = new JsonArray() };
            json["guild_id"] = GuildId;
            json["guild_locale"] = "zh-CN";
            json["member"] = new JsonObject
            {
                ["user"] = User(),
                ["roles"] = new JsonArray(),
                ["nick"] = null,
                ["joined_at"] = "2021-05-03T02:11:47.316000+00:00",
                ["permissions"] = MemberPermissions,
                ["flags"] = 0,
            };
        }
        else
        {
            json["user"] = User();
        }

        if (message is not null)
        {
            json["message"] = message;
        }

        return new FakeInteraction(id, token, json.ToJsonString(FakeJson.Options));
    }

    private JsonObject Message(string? messageId, string customId) => new()
    {
        ["type"] = 0,
        ["id"] = messageId ?? _ids.Next(),
        ["channel_id"] = ChannelId,
        ["application_id"] = _options.ApplicationId,
        ["author"] = new JsonObject { ["id"] = _options.BotUserId, ["username"] = _options.BotUsername, ["bot"] = true, ["discriminator"] = "0" },
        ["content"] = "",
        ["embeds"] = new JsonArray(),
        ["components"] = new JsonArray(new JsonObject
        {
            ["type"] = 1,
            ["id"] = 1,
            ["components"] = new JsonArray(new JsonObject { ["type"] = 2, ["id"] = 2, ["style"] = 1, ["label"] = "Go", ["custom_id"] = customId }),
        }),
        ["attachments"] = new JsonArray(),
        ["mentions"] = new JsonArray(),
        ["mention_roles"] = new JsonArray(),
        ["mention_everyone"] = false,
        ["pinned"] = false,
        ["tts"] = false,
        ["timestamp"] = _options.TimeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        ["edited_timestamp"] = null,
        ["flags"] = 0,
    };

    private JsonObject User() => new()
    {
        ["id"] = UserId,
        ["username"] = Username,
        ["global_name"] = null,
        ["discriminator"] = "0",
        ["avatar"] = null,
        ["public_flags"] = 0,
    };

    private (string Id, string Token) NewIdentity()
    {
        var id = _ids.Next();
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"interaction:{id}:{Convert.ToHexString(RandomNumberGenerator.GetBytes(24))}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, token);
    }

    private static string StableId(string commandName)
    {
        // Same command name -> same command id, like a registered command.
        var hash = BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(commandName)), 0) & ((1UL << 62) - 1);
        return (hash | (1UL << 60)).ToString(CultureInfo.InvariantCulture);
    }
}
