using DltBot.Discord.Models;

namespace DltBot.Discord.Rest;

/// <summary>The Discord REST calls the bot makes. Failures throw <see cref="DiscordRestException"/>.</summary>
public interface IDiscordRestClient
{
    Task<GatewayBot> GetGatewayBotAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApplicationCommand>> GetGlobalCommandsAsync(ulong applicationId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGlobalCommandsAsync(
        ulong applicationId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApplicationCommand>> GetGuildCommandsAsync(ulong applicationId, ulong guildId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGuildCommandsAsync(
        ulong applicationId, ulong guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken = default);

    /// <summary>The initial response; must happen within 3 s of receipt. 10062 and 40060 are thrown, never retried.</summary>
    Task CreateInteractionResponseAsync(
        ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken = default);

    Task<Message> EditOriginalResponseAsync(
        ulong applicationId, string interactionToken, MessageEditRequest edit, CancellationToken cancellationToken = default);

    Task DeleteOriginalResponseAsync(ulong applicationId, string interactionToken, CancellationToken cancellationToken = default);

    Task<Message> CreateFollowupMessageAsync(
        ulong applicationId, string interactionToken, MessageCreateRequest message, CancellationToken cancellationToken = default);

    Task<Message> EditFollowupMessageAsync(
        ulong applicationId, string interactionToken, ulong messageId, MessageEditRequest edit, CancellationToken cancellationToken = default);

    Task DeleteFollowupMessageAsync(ulong applicationId, string interactionToken, ulong messageId, CancellationToken cancellationToken = default);

    Task<Message> CreateMessageAsync(ulong channelId, MessageCreateRequest message, CancellationToken cancellationToken = default);

    Task<Channel> StartThreadFromMessageAsync(
        ulong channelId, ulong messageId, StartThreadRequest thread, CancellationToken cancellationToken = default);

    Task<Channel> GetChannelAsync(ulong channelId, CancellationToken cancellationToken = default);

    /// <summary>The channel's most recent messages, newest first; <paramref name="limit"/> is 1 to 100. Needs Read Message History.</summary>
    Task<IReadOnlyList<Message>> GetChannelMessagesAsync(ulong channelId, int limit, CancellationToken cancellationToken = default);

    /// <summary>One message, with <see cref="Message.Poll"/> results when it carries a poll. 10008 when it is gone.</summary>
    Task<Message> GetMessageAsync(ulong channelId, ulong messageId, CancellationToken cancellationToken = default);

    /// <summary>The guild with its owner and roles (for <see cref="Permissions.ChannelPermissions"/>).</summary>
    Task<Guild> GetGuildAsync(ulong guildId, CancellationToken cancellationToken = default);

    Task<GuildMember> GetGuildMemberAsync(ulong guildId, ulong userId, CancellationToken cancellationToken = default);

    /// <summary>The bot's own user (GET /users/@me).</summary>
    Task<User> GetCurrentUserAsync(CancellationToken cancellationToken = default);
}
