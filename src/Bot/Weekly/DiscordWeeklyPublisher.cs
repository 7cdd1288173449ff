using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DltBot.Discord.Builders;
using DltBot.Discord.Models;
using DltBot.Discord.Permissions;
using DltBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Weekly;

/// <summary>
/// Weekly posts through Discord's REST API. Discord's failures become <see cref="WeeklyPublishException"/>s whose
/// message says what is wrong where ("missing permission Send Messages in #papers"), so <c>status</c> can show it.
/// </summary>
public sealed partial class DiscordWeeklyPublisher(IDiscordRestClient discord, ILogger<DiscordWeeklyPublisher> logger) : IWeeklyPublisher
{
    /// <summary>How far back the restart check looks: a post is found among the channel's latest messages.</summary>
    public const int RecentMessagesChecked = 50;

    private const int EmbedDescriptionMax = 1500;
    private Task<User>? me;

    public async Task<string> SendPostAsync(string channelId, WeeklyPost post, string nonce, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(post);
        var channel = Snowflake(channelId, "channel");
        var request = new MessageCreateRequest
        {
            Content = post.RoleId is { } role ? $"<@&{role}>" : null,
            AllowedMentions = post.RoleId is { } id ? AllowedMentions.OnlyRoles(Snowflake(id, "role")) : AllowedMentions.None,
            Embeds = [EmbedFor(post)],
            Nonce = nonce,
            EnforceNonce = true,
        };
        var message = await CallAsync(channel, "sending the weekly post", PostingPermissions.ForWeeklyPost(thread: false, poll: false),
            () => discord.CreateMessageAsync(channel, request, ct), ct).ConfigureAwait(false);
        return Text(message.Id);
    }

    public async Task<string> StartThreadAsync(string channelId, string messageId, WeeklyPost post, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(post);
        var channel = Snowflake(channelId, "channel");
        var request = new StartThreadRequest { Name = post.ThreadName, AutoArchiveDuration = StartThreadRequest.OneWeek };
        var thread = await CallAsync(channel, "creating the discussion thread", PostingPermissions.ForWeeklyPost(thread: true, poll: false),
            () => discord.StartThreadFromMessageAsync(channel, Snowflake(messageId, "message"), request, ct), ct).ConfigureAwait(false);
        try
        {
            await discord.CreateMessageAsync(thread.Id, new MessageCreateRequest { Content = WeeklyPostComposer.PromptMessage(post.Prompts) }, ct)
                .ConfigureAwait(false);
        }
        catch (DiscordRestException e)
        {
            // The thread is there and people can talk in it; only the opening questions are missing.
            LogPromptsFailed(logger, Text(thread.Id), e.Reason);
        }
        return Text(thread.Id);
    }

    public async Task<string> SendPollAsync(string channelId, WeeklyPoll poll, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var channel = Snowflake(channelId, "channel");
        var request = new MessageCreateRequest
        {
            Content = PollListing(poll),
            Poll = PollCreateRequest.SingleChoice(poll.Question, poll.Answers.Select(a => a.Text), poll.DurationHours),
        };
        var message = await CallAsync(channel, "sending the poll", PostingPermissions.ForWeeklyPost(thread: false, poll: true),
            () => discord.CreateMessageAsync(channel, request, ct), ct).ConfigureAwait(false);
        return Text(message.Id);
    }

    public async Task<string?> FindPostAsync(string channelId, string nonce, CancellationToken ct)
    {
        var channel = Snowflake(channelId, "channel");
        var messages = await CallAsync(channel, "reading the channel's recent messages", PostingPermissions.ForWeeklyPost(false, false),
            () => discord.GetChannelMessagesAsync(channel, RecentMessagesChecked, ct), ct).ConfigureAwait(false);
        if (messages.FirstOrDefault(m => m.Nonce == nonce) is { } byNonce) return Text(byNonce.Id);

        // Discord does not promise nonces in history: recognize our own post by the occurrence key in its footer.
        var bot = await CurrentUserAsync(ct).ConfigureAwait(false);
        ulong? guild = null;
        foreach (var message in messages.Where(m => m.Author?.Id == bot.Id))
        {
            if (KeyInFooter(message) is not { } key) continue;
            guild ??= (await CallAsync(channel, "reading the channel", PostingPermissions.ForWeeklyPost(false, false),
                () => discord.GetChannelAsync(channel, ct), ct).ConfigureAwait(false)).GuildId ?? 0;
            if (WeeklyNonce.For(Text(guild.Value), key) == nonce) return Text(message.Id);
        }
        return null;
    }

    public async Task<WeeklyPollResults?> ReadPollAsync(string channelId, string pollMessageId, CancellationToken ct)
    {
        var channel = Snowflake(channelId, "channel");
        Message message;
        try
        {
            message = await discord.GetMessageAsync(channel, Snowflake(pollMessageId, "message"), ct).ConfigureAwait(false);
        }
        catch (DiscordRestException e) when (e.IsUnknownMessage)
        {
            return null;
        }
        catch (DiscordRestException e)
        {
            throw await MapAsync(e, channel, "reading the poll", PostingPermissions.ForWeeklyPost(false, false), ct).ConfigureAwait(false);
        }

        if (message.Poll is not { } poll) return null;
        var counts = poll.Results?.AnswerCounts ?? [];
        var votes = poll.Answers.Select(a => counts.FirstOrDefault(c => c.Id == a.AnswerId)?.Count ?? 0).ToList();
        var ids = EntryIdsIn(message.Content);
        return new WeeklyPollResults(votes, poll.Results?.IsFinalized ?? false, ids.Count == votes.Count ? ids : null);
    }

    public async Task<IReadOnlyList<string>> MissingPermissionsAsync(string guild, string channelId, bool thread, bool poll, CancellationToken ct)
    {
        var channel = Snowflake(channelId, "channel");
        try
        {
            return await MissingAsync(Snowflake(guild, "guild"), channel, PostingPermissions.ForWeeklyPost(thread, poll), ct).ConfigureAwait(false);
        }
        catch (DiscordRestException e) when (e.DiscordCode == DiscordRestException.MissingAccessCode)
        {
            return [DiscordPermissions.ViewChannel.DisplayName()];
        }
        catch (DiscordRestException e)
        {
            throw await MapAsync(e, channel, "checking the bot's permissions", PostingPermissions.ForWeeklyPost(thread, poll), ct).ConfigureAwait(false);
        }
    }

    /// <summary>The embed: header above, linked title, the entry's commentary, topic and year, the entry id and key below.</summary>
    internal static Embed EmbedFor(WeeklyPost post)
    {
        var entry = post.Entry;
        var builder = new EmbedBuilder()
            .WithAuthor(WeeklyPostComposer.Fit(post.Header, DiscordLimits.EmbedAuthorName))
            .WithTitle(WeeklyPostComposer.Fit(entry.Title, DiscordLimits.EmbedTitle), entry.Url)
            .AddField("Topic", WeeklyPostComposer.Fit(TopicOf(post), DiscordLimits.EmbedFieldValue), inline: true)
            .WithFooter(WeeklyPostComposer.Footer(entry.Id, post.Key));
        if (!string.IsNullOrWhiteSpace(entry.Description)) builder.WithDescription(WeeklyPostComposer.Fit(entry.Description.Trim(), EmbedDescriptionMax));
        if (entry.Year is { } year) builder.AddField("Year", year.ToString(CultureInfo.InvariantCulture), inline: true);
        return builder.Build();
    }

    /// <summary>
    /// The text above the poll: each answer with its link (answers cannot carry one) and its entry id, which is how
    /// <see cref="ReadPollAsync"/> knows what the votes were for.
    /// </summary>
    internal static string PollListing(WeeklyPoll poll)
    {
        string Listing(bool links)
        {
            var text = new StringBuilder("Vote for next week's reading:");
            for (var i = 0; i < poll.Answers.Count; i++)
            {
                var a = poll.Answers[i];
                var title = a.Text.Replace('`', '\'').Replace('[', '(').Replace(']', ')');
                var shown = links && a.Url is { Length: > 0 } url ? $"[{title}](<{url}>)" : title;
                text.Append(CultureInfo.InvariantCulture, $"\n**{i + 1}.** {shown} · `{a.EntryId}`");
            }
            return text.ToString();
        }
        var withLinks = Listing(links: true);
        return withLinks.Length <= DiscordLimits.MessageContent ? withLinks : Listing(links: false);
    }

    internal static IReadOnlyList<string> EntryIdsIn(string? content) =>
        content is null ? [] : [.. ListingLine().Matches(content).Select(m => m.Groups["id"].Value)];

    private static string? KeyInFooter(Message message)
    {
        var footer = message.Embeds is { Count: > 0 } embeds ? embeds[0].Footer?.Text : null;
        var at = footer?.LastIndexOf(" · ", StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : footer![(at + 3)..];
    }

    private static string TopicOf(WeeklyPost post) =>
        post.Section.Topic.English is { Length: > 0 } english ? english : post.Section.Title;

    private async Task<T> CallAsync<T>(ulong channel, string doing, DiscordPermissions needed, Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (DiscordRestException e)
        {
            throw await MapAsync(e, channel, doing, needed, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Discord's failure in words that name the channel and, for a missing permission, which one.</summary>
    private async Task<WeeklyPublishException> MapAsync(DiscordRestException e, ulong channel, string doing, DiscordPermissions needed, CancellationToken ct)
    {
        var failure = e.Kind switch
        {
            DiscordFailureKind.Transient => PublishFailure.Transient,
            DiscordFailureKind.Permanent => PublishFailure.Permanent,
            _ => PublishFailure.Rejected,
        };
        var where = $"<#{Text(channel)}>";
        if (e.IsUnknownChannel) return new(failure, $"unknown channel {where}: it was deleted or the id is wrong ({doing})", e);
        if (e.DiscordCode == DiscordRestException.MissingAccessCode)
            return new(failure, $"missing access to {where}: the bot cannot see the channel ({doing})", e);
        if (e.DiscordCode != DiscordRestException.MissingPermissionsCode)
            return new(failure, $"{e.Reason} ({doing} in {where})", e);

        // Name what is missing where we can; the reason must not depend on that look-up succeeding.
        try
        {
            var info = await discord.GetChannelAsync(channel, ct).ConfigureAwait(false);
            where = info.Name is { Length: > 0 } name ? "#" + name : where;
            if (info.GuildId is { } guild)
            {
                var effective = await EffectiveAsync(guild, channel, ct).ConfigureAwait(false);
                // Without View Channel or Send Messages Discord drops the rest implicitly; name the cause, not its effects.
                var missing = RootCauseTiers.Select(tier => PostingPermissions.MissingNames(effective, tier & needed))
                    .FirstOrDefault(names => names.Count > 0) ?? PostingPermissions.MissingNames(effective, needed);
                if (missing.Count > 0)
                    return new(failure, $"missing permission{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} in {where}", e);
            }
        }
        catch (DiscordRestException lookup)
        {
            LogPermissionLookupFailed(logger, Text(channel), lookup.Reason);
        }
        return new(failure, $"missing permissions in {where} ({doing}): {e.Reason}", e);
    }

    private static readonly DiscordPermissions[] RootCauseTiers =
        [DiscordPermissions.ViewChannel, DiscordPermissions.ViewChannel | DiscordPermissions.SendMessages];

    private async Task<IReadOnlyList<string>> MissingAsync(ulong guildId, ulong channelId, DiscordPermissions needed, CancellationToken ct) =>
        PostingPermissions.MissingNames(await EffectiveAsync(guildId, channelId, ct).ConfigureAwait(false), needed);

    /// <summary>The bot's permissions in the channel (a thread's come from its parent), by Discord's algorithm.</summary>
    private async Task<DiscordPermissions> EffectiveAsync(ulong guildId, ulong channelId, CancellationToken ct)
    {
        var bot = await CurrentUserAsync(ct).ConfigureAwait(false);
        var guild = await discord.GetGuildAsync(guildId, ct).ConfigureAwait(false);
        var member = await discord.GetGuildMemberAsync(guildId, bot.Id, ct).ConfigureAwait(false);
        var channel = await discord.GetChannelAsync(channelId, ct).ConfigureAwait(false);
        var parent = channel.IsThread && channel.ParentId is { } parentId ? await discord.GetChannelAsync(parentId, ct).ConfigureAwait(false) : null;
        return ChannelPermissions.ForChannel(guild, PermissionSubject.From(member), channel, parent);
    }

    private Task<User> CurrentUserAsync(CancellationToken ct)
    {
        var known = me;
        if (known is { IsCompletedSuccessfully: true }) return known;
        return me = discord.GetCurrentUserAsync(ct);
    }

    private static ulong Snowflake(string id, string what) =>
        ulong.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new WeeklyPublishException(PublishFailure.Rejected, $"the {what} id '{id}' is not a Discord id");

    private static string Text(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\*\*\d+\.\*\* .* · `(?<id>[^`]+)`$", RegexOptions.Multiline)]
    private static partial Regex ListingLine();

    [LoggerMessage(7130, LogLevel.Warning, "The weekly thread {ThreadId} was created, but its opening prompts could not be posted: {Reason}", EventName = "WeeklyPromptsFailed")]
    private static partial void LogPromptsFailed(ILogger logger, string threadId, string reason);

    [LoggerMessage(7131, LogLevel.Debug, "Could not look up which permission the bot lacks in channel {ChannelId}: {Reason}", EventName = "WeeklyPermissionLookupFailed")]
    private static partial void LogPermissionLookupFailed(ILogger logger, string channelId, string reason);
}
