using System.Globalization;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Weekly;
using DltBot.Discord.Models;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Weekly;

/// <summary>
/// <c>/dlt-mod potw setup channel: day: time: timezone: [role:] [thread:] [poll:]</c>: enables the weekly post after
/// checking that the bot can post there, and shows the next run.
/// </summary>
public sealed class SetupCommand(IWeeklySettings settings, IWeeklySchedule schedule, IWeeklyPublisher publisher) : ICommand
{
    /// <summary>Where the shell's own schedule "posts": the console.</summary>
    public const string ConsoleChannel = "console";

    private static readonly CommandText Enabled = new("Paper of the week: every {0} at {1} ({2})", "每周论文：每{0} {1}（{2}）");
    private static readonly CommandText NeedsChannel = new(
        "channel is missing; pick the study channel the post goes to (channel: #papers)", "缺少 channel；请选择发布的学习频道（channel: #papers）");
    private static readonly CommandText BadZone = new("timezone \"{0}\" is not a time zone; closest: {1}", "timezone「{0}」不是时区；最接近的有：{1}");
    private static readonly CommandText BadZoneNone = new(
        "timezone \"{0}\" is not a time zone; use an IANA name such as Asia/Shanghai or Europe/Berlin", "timezone「{0}」不是时区；请使用 IANA 名称，例如 Asia/Shanghai 或 Europe/Berlin");
    private static readonly CommandText Missing = new(
        "I cannot post in {0}: missing permission {1}. Grant it to the bot there, then run setup again.",
        "我无法在 {0} 发布：缺少权限 {1}。请在该频道授予机器人这些权限后重新运行 setup。");
    private static readonly CommandText Unreachable = new("I cannot use {0}: {1}", "我无法使用 {0}：{1}");
    private static readonly CommandText LabelChannel = new("Channel", "频道");
    private static readonly CommandText LabelNext = new("Next run", "下次发布");
    private static readonly CommandText LabelThread = new("Thread", "讨论串");
    private static readonly CommandText LabelPoll = new("Poll", "投票");
    private static readonly CommandText LabelRole = new("Mentions", "提及");
    private static readonly CommandText Yes = new("yes", "是");
    private static readonly CommandText No = new("no", "否");

    public static IReadOnlyList<ChoiceDescriptor> Days { get; } =
    [
        new("monday", new("Monday", "星期一")), new("tuesday", new("Tuesday", "星期二")), new("wednesday", new("Wednesday", "星期三")),
        new("thursday", new("Thursday", "星期四")), new("friday", new("Friday", "星期五")), new("saturday", new("Saturday", "星期六")),
        new("sunday", new("Sunday", "星期日")),
    ];

    public CommandDescriptor Descriptor { get; } = new(
        WeeklyCommandSet.Path("setup"),
        new("setup", "设置", "設定"),
        new("Post a paper every week in a study channel", "每周在学习频道发布一篇论文", "每週在學習頻道發佈一篇論文"),
        [
            new("channel", OptionKind.Channel, new("channel", "频道", "頻道"), new("The study channel (required in a server)", "学习频道（在服务器中必填）", "學習頻道（在伺服器中必填）"),
                ChannelTypes: [ChannelType.GuildText, ChannelType.GuildAnnouncement]),
            new("day", OptionKind.String, new("day", "星期", "星期"), new("The day of the week", "星期几", "星期幾"), Required: true, Choices: Days),
            new("time", OptionKind.String, new("time", "时间", "時間"), new("The time of day, HH:mm", "时间，HH:mm", "時間，HH:mm"), Required: true, MaxLength: 5,
                Validate: text => TryParseTime(text, out _), InvalidText: new("{0} \"{1}\" is not a time; write it as HH:mm, such as 18:00", "{0}「{1}」不是时间；请写成 HH:mm，例如 18:00"),
                Example: "18:00"),
            new("timezone", OptionKind.String, new("timezone", "时区", "時區"), new("The time zone, such as Asia/Shanghai", "时区，例如 Asia/Shanghai", "時區，例如 Asia/Taipei"),
                Required: true, MaxLength: 64, Autocomplete: TimeZoneAutocomplete.Instance, Example: "Asia/Shanghai"),
            new("role", OptionKind.Role, new("role", "角色", "身分組"), new("A role to mention in the post", "发布时提及的角色", "發佈時提及的身分組")),
            new("thread", OptionKind.Boolean, new("thread", "讨论串", "討論串"), new("Open a discussion thread (default: yes)", "开启讨论串（默认：是）", "開啟討論串（預設：是）")),
            new("poll", OptionKind.Boolean, new("poll", "投票", "投票"), new("Ask what to read next (default: no)", "投票决定下一篇（默认：否）", "投票決定下一篇（預設：否）")),
        ],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var args = context.Arguments;
        var language = context.Language;
        var guild = WeeklyReplies.Guild(context);
        string channel;
        if (context.Place.IsLocal) channel = ConsoleChannel;
        else if (args.GetId("channel") is { } channelId) channel = channelId.ToString(CultureInfo.InvariantCulture);
        else return ModReplies.Error(language, NeedsChannel);

        var zoneText = args.GetString("timezone")!.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneText, out var zone))
        {
            var close = Similarity.Closest(zoneText, TimeZoneAutocomplete.Zones, 3);
            return close.Count == 0 ? ModReplies.Error(language, BadZoneNone, zoneText) : ModReplies.Error(language, BadZone, zoneText, string.Join(", ", close));
        }
        // The binder checked the format already.
        if (!TryParseTime(args.GetString("time")!, out var time)) throw new InvalidOperationException("time passed the binder but does not parse.");
        var day = Enum.Parse<DayOfWeek>(args.GetString("day")!, ignoreCase: true);
        var thread = args.GetBool("thread") ?? true;
        var poll = args.GetBool("poll") ?? false;
        var role = args.GetId("role")?.ToString(CultureInfo.InvariantCulture);

        if (!context.Place.IsLocal)
        {
            try
            {
                var missing = await publisher.MissingPermissionsAsync(guild, channel, thread, poll, cancellationToken).ConfigureAwait(false);
                if (missing.Count > 0) return ModReplies.Error(language, Missing, WeeklyReplies.Mention(channel, context.Surface), string.Join(", ", missing));
            }
            catch (WeeklyPublishException e)
            {
                return ModReplies.Error(language, Unreachable, WeeklyReplies.Mention(channel, context.Surface), e.Message);
            }
        }

        var saved = await settings.SaveAsync(guild, new WeeklySchedule(channel, day, time, zone.Id, role, thread, poll), ModReplies.ActorOf(context), cancellationToken)
            .ConfigureAwait(false);
        await schedule.ApplyAsync(guild, saved, cancellationToken).ConfigureAwait(false);
        var next = await schedule.NextRunAsync(guild, cancellationToken).ConfigureAwait(false);

        var dayName = Days.First(d => d.Value == args.GetString("day")).Label.In(language);
        List<InfoField> fields =
        [
            new(LabelChannel.In(language), WeeklyReplies.Mention(channel, context.Surface)),
            new(LabelNext.In(language), next is { } at ? WeeklyReplies.When(at, zone.Id, context.Surface) : "—"),
            new(LabelThread.In(language), (thread ? Yes : No).In(language)),
            new(LabelPoll.In(language), (poll ? Yes : No).In(language)),
        ];
        if (role is not null) fields.Add(new(LabelRole.In(language), context.Surface == Surface.Discord ? $"<@&{role}>" : role));
        return new InfoReply(language, ModReplies.Format(language, Enabled, dayName, time.ToString("HH:mm", CultureInfo.InvariantCulture), zone.Id), fields, []);
    });

    private static bool TryParseTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}

/// <summary>The system's IANA time zones, matched by any part of their name.</summary>
public sealed class TimeZoneAutocomplete : IAutocompleteSource
{
    public static TimeZoneAutocomplete Instance { get; } = new();

    public static IReadOnlyList<string> Zones { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC").Order(StringComparer.Ordinal)];

    public IReadOnlyList<AutocompleteChoice> Suggest(AutocompleteRequest request)
    {
        var typed = request.Text.Trim().Replace(' ', '_');
        return Zones
            .Where(z => z.Contains(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(z => z.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || z.Contains("/" + typed, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(z => z, StringComparer.Ordinal)
            .Take(request.Max)
            .Select(z => new AutocompleteChoice(z, z))
            .ToList();
    }
}
