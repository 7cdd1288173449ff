using System.Globalization;

namespace DltBot.Discord.Rest;

/// <summary>
/// One REST call: the concrete path plus what the rate limiter needs to key it (template and major parameter).
/// The template, never the path, goes into logs and errors, because interaction paths contain tokens.
/// </summary>
public sealed record DiscordRoute(HttpMethod Method, string Template, string Path, string MajorParameter)
{
    /// <summary>Interaction callbacks and interaction webhooks are exempt from the global limit.</summary>
    public bool ExemptFromGlobalLimit { get; init; }

    /// <summary>Routes authenticated by the token in the path (interaction webhooks) need no bot token.</summary>
    public bool RequiresBotToken { get; init; } = true;

    /// <summary>True for the initial interaction callback: 10062 and 40060 there are final, never retried.</summary>
    public bool IsInteractionCallback { get; init; }

    /// <summary>Bucket key before Discord tells us the bucket hash: method + template.</summary>
    public string RouteKey => $"{Method.Method} {Template}";

    public override string ToString() => RouteKey;

    public static DiscordRoute GetGatewayBot() => new(HttpMethod.Get, "/gateway/bot", "/gateway/bot", string.Empty);

    public static DiscordRoute GetGlobalCommands(ulong applicationId, bool withLocalizations) => new(
        HttpMethod.Get,
        "/applications/{application_id}/commands",
        $"/applications/{Id(applicationId)}/commands" + (withLocalizations ? "?with_localizations=true" : string.Empty),
        Id(applicationId));

    public static DiscordRoute BulkOverwriteGlobalCommands(ulong applicationId) => new(
        HttpMethod.Put, "/applications/{application_id}/commands", $"/applications/{Id(applicationId)}/commands", Id(applicationId));

    public static DiscordRoute GetGuildCommands(ulong applicationId, ulong guildId, bool withLocalizations) => new(
        HttpMethod.Get,
        "/applications/{application_id}/guilds/{guild_id}/commands",
        $"/applications/{Id(applicationId)}/guilds/{Id(guildId)}/commands" + (withLocalizations ? "?with_localizations=true" : string.Empty),
        Id(guildId));

    public static DiscordRoute BulkOverwriteGuildCommands(ulong applicationId, ulong guildId) => new(
        HttpMethod.Put,
        "/applications/{application_id}/guilds/{guild_id}/commands",
        $"/applications/{Id(applicationId)}/guilds/{Id(guildId)}/commands",
        Id(guildId));

    public static DiscordRoute CreateInteractionResponse(ulong interactionId, string token) => new(
        HttpMethod.Post,
        "/interactions/{interaction_id}/{interaction_token}/callback",
        $"/interactions/{Id(interactionId)}/{Uri.EscapeDataString(token)}/callback",
        Id(interactionId))
    {
        ExemptFromGlobalLimit = true,
        RequiresBotToken = false,
        IsInteractionCallback = true,
    };

    public static DiscordRoute EditOriginalResponse(ulong applicationId, string token) =>
        Webhook(HttpMethod.Patch, "/webhooks/{application_id}/{interaction_token}/messages/@original", applicationId, token, "/messages/@original");

    public static DiscordRoute DeleteOriginalResponse(ulong applicationId, string token) =>
        Webhook(HttpMethod.Delete, "/webhooks/{application_id}/{interaction_token}/messages/@original", applicationId, token, "/messages/@original");

    public static DiscordRoute CreateFollowup(ulong applicationId, string token) =>
        Webhook(HttpMethod.Post, "/webhooks/{application_id}/{interaction_token}", applicationId, token, "?wait=true");

    public static DiscordRoute EditFollowup(ulong applicationId, string token, ulong messageId) =>
        Webhook(HttpMethod.Patch, "/webhooks/{application_id}/{interaction_token}/messages/{message_id}", applicationId, token, $"/messages/{Id(messageId)}");

    public static DiscordRoute DeleteFollowup(ulong applicationId, string token, ulong messageId) =>
        Webhook(HttpMethod.Delete, "/webhooks/{application_id}/{interaction_token}/messages/{message_id}", applicationId, token, $"/messages/{Id(messageId)}");

    public static DiscordRoute CreateMessage(ulong channelId) => new(
        HttpMethod.Post, "/channels/{channel_id}/messages", $"/channels/{Id(channelId)}/messages", Id(channelId));

    public static DiscordRoute StartThreadFromMessage(ulong channelId, ulong messageId) => new(
        HttpMethod.Post,
        "/channels/{channel_id}/messages/{message_id}/threads",
        $"/channels/{Id(channelId)}/messages/{Id(messageId)}/threads",
        Id(channelId));

    /// <summary>Newest first. Shares the channel's bucket key with the other message routes of that channel.</summary>
    public static DiscordRoute GetChannelMessages(ulong channelId, int limit) => new(
        HttpMethod.Get,
        "/channels/{channel_id}/messages",
        $"/channels/{Id(channelId)}/messages?limit={limit.ToString(CultureInfo.InvariantCulture)}",
        Id(channelId));

    public static DiscordRoute GetMessage(ulong channelId, ulong messageId) => new(
        HttpMethod.Get, "/channels/{channel_id}/messages/{message_id}", $"/channels/{Id(channelId)}/messages/{Id(messageId)}", Id(channelId));

    public static DiscordRoute GetGuild(ulong guildId) => new(
        HttpMethod.Get, "/guilds/{guild_id}", $"/guilds/{Id(guildId)}", Id(guildId));

    public static DiscordRoute GetGuildMember(ulong guildId, ulong userId) => new(
        HttpMethod.Get, "/guilds/{guild_id}/members/{user_id}", $"/guilds/{Id(guildId)}/members/{Id(userId)}", Id(guildId));

    public static DiscordRoute GetCurrentUser() => new(HttpMethod.Get, "/users/@me", "/users/@me", string.Empty);

    public static DiscordRoute GetChannel(ulong channelId) => new(
        HttpMethod.Get, "/channels/{channel_id}", $"/channels/{Id(channelId)}", Id(channelId));

    // Webhook buckets are per webhook id + token, so the token is part of the major parameter.
    private static DiscordRoute Webhook(HttpMethod method, string template, ulong applicationId, string token, string suffix) => new(
        method,
        template,
        $"/webhooks/{Id(applicationId)}/{Uri.EscapeDataString(token)}{suffix}",
        $"{Id(applicationId)}/{token}")
    {
        ExemptFromGlobalLimit = true,
        RequiresBotToken = false,
    };

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);
}
