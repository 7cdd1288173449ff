using System.Collections.Concurrent;
using System.Text.Json;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Interactions;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests.Interactions;

/// <summary>A small reading list in the shape of the real one: two topics, grokking papers, a child, a very long id.</summary>
internal static class DiscordCatalog
{
    public const string LongId = "url:example.org/" + "a-very-long-path-segment-that-keeps-going-and-going-beyond-what-discord-allows-in-a-select-value";

    public static ReadingList Build()
    {
        var optimization = new Topic("optimization", "Optimization", "优化", ["opt"]);
        var generalization = new Topic("generalization", "Generalization", "泛化", []);
        var grokkingEntries = new List<Entry>
        {
            E("arxiv:2201.02177", "1", "Grokking: Generalization Beyond Overfitting on Small Algorithmic Datasets", 2022, "grokking 顿悟现象"),
            E("arxiv:2205.10343", "2", "Towards Understanding Grokking: An Effective Theory of Representation Learning", 2022, "grokking 表示学习"),
            E("arxiv:2210.01117", "3", "Omnigrok: Grokking Beyond Algorithmic Data", 2022, "grokking beyond algorithmic data",
                [E("arxiv:2210.01117-code", "3.1", "Omnigrok code", 2022, "code for grokking")]),
            E("arxiv:2301.05217", "4", "Progress measures for grokking via mechanistic interpretability", 2023, "grokking 机制可解释性"),
            E("arxiv:2303.06173", "5", "Unifying Grokking and Double Descent", 2023, "grokking and double descent"),
            E("arxiv:2310.06110", "6", "Grokking as the transition from lazy to rich training dynamics", 2023, "grokking lazy rich"),
        };
        var generalizationEntries = new List<Entry>
        {
            E("arxiv:1611.03530", "1", "Understanding deep learning requires rethinking generalization", 2017, "随机标签 generalization"),
            E(LongId, "2", "An entry whose id is far too long for a select value", 2019, "long id"),
        };
        return new ReadingList("Deep Learning Theory", "",
        [
            new Section("Optimization 优化", optimization, grokkingEntries, 10),
            new Section("Generalization 泛化", generalization, generalizationEntries, 40),
        ]);
    }

    private static Entry E(string id, string number, string title, int year, string description, IReadOnlyList<Entry>? children = null) =>
        new(id, number, title, "https://arxiv.org/abs/" + id.Split(':').Last(), [new Link(title, "https://arxiv.org/abs/" + id.Split(':').Last())],
            year, description, children ?? [], 1);

    public static CommandHarness Harness(ReadingList? list = null, TimeProvider? time = null) =>
        CommandHarness.Create(CatalogSnapshot.Of(list ?? Build(), "test", DateTimeOffset.UnixEpoch), l => new DiscordFakeSearch(l),
            time ?? TimeProvider.System, new Random(7));

    public static InteractionRouter Router(ReadingList? list = null) => Harness(list).Router;
}

/// <summary>Substring search and prefix autocomplete; enough to drive the Discord glue without the real engine.</summary>
internal sealed class DiscordFakeSearch(ReadingList list) : ICatalogSearch
{
    private readonly List<(Entry Entry, Section Section)> _entries =
        list.Sections.SelectMany(s => s.Entries.SelectMany(e => e.SelfAndDescendants()).Select(e => (e, s))).ToList();

    public SearchResponse Search(SearchQuery query)
    {
        if (string.IsNullOrWhiteSpace(query.Text)) return new SearchResponse([], 0, "the query is empty", []);
        var hits = _entries
            .Where(x => (x.Entry.Title + " " + x.Entry.Description).Contains(query.Text, StringComparison.OrdinalIgnoreCase))
            .Where(x => query.Years is null || x.Entry.Year >= query.Years.From && x.Entry.Year <= query.Years.To)
            .ToList();
        var page = hits.Skip(query.Offset).Take(query.Limit)
            .Select(x => new SearchHit(x.Entry, x.Section, EntryKind.Paper, 1, "**" + query.Text + "** " + x.Entry.Description)).ToList();
        return new SearchResponse(page, hits.Count, null, []);
    }

    public IReadOnlyList<Suggestion> Autocomplete(string prefix, int limit = 25, SuggestionKind? only = null)
    {
        var topics = list.Sections
            .Where(s => s.Topic.English.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || s.Topic.Chinese.StartsWith(prefix, StringComparison.Ordinal))
            .Select(s => new Suggestion(s.Topic.English, s.Topic.Key, SuggestionKind.Topic));
        var entries = _entries.Where(x => x.Entry.Title.Contains(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(x => new Suggestion(x.Entry.Title, x.Entry.Id, SuggestionKind.Entry));
        return topics.Concat(entries).Where(s => only is null || s.Kind == only).Take(limit).ToList();
    }
}

/// <summary>Builds interactions the way Discord shapes them (and round-trips them through our JSON context).</summary>
internal static class TestInteractions
{
    public const ulong AppId = 1085140814004224007;
    public const ulong Alice = 720629921742981889;
    public const ulong Bob = 640658398248962882;
    private static long _nextId = 1528695483772572338;

    public static Interaction Slash(string subcommand, IReadOnlyDictionary<string, string>? options = null, string locale = "en-US", ulong user = Alice) =>
        Make(InteractionType.ApplicationCommand, locale, user, new InteractionData
        {
            Id = 1281222298828802421,
            Name = DltCommandSet.TopLevelName,
            Type = ApplicationCommandType.ChatInput,
            Options = [Sub(subcommand, options)],
        });

    /// <summary>A <c>/dlt-mod</c> command from a member with these permission bits (32: Manage Server).</summary>
    public static Interaction Mod(string subcommand, IReadOnlyDictionary<string, string>? options, string permissions, ulong user = Alice)
    {
        var interaction = Make(InteractionType.ApplicationCommand, "en-US", user, new InteractionData
        {
            Id = 1281222298828802422,
            Name = "dlt-mod",
            Type = ApplicationCommandType.ChatInput,
            Options = [Sub(subcommand, options)],
        });
        return WithPermissions(interaction, permissions);
    }

    public static Interaction Autocomplete(string subcommand, string focused, string typed, string locale = "en-US") =>
        Make(InteractionType.ApplicationCommandAutocomplete, locale, Alice, new InteractionData
        {
            Id = 1281222298828802421,
            Name = DltCommandSet.TopLevelName,
            Type = ApplicationCommandType.ChatInput,
            Options =
            [
                new InteractionDataOption
                {
                    Name = subcommand, Type = ApplicationCommandOptionType.SubCommand,
                    Options = [new InteractionDataOption { Name = focused, Type = ApplicationCommandOptionType.String, Value = Json(typed), Focused = true }],
                },
            ],
        });

    public static Interaction Click(string customId, ulong user = Alice, string locale = "en-US", IReadOnlyList<string>? values = null) =>
        Make(InteractionType.MessageComponent, locale, user, new InteractionData
        {
            CustomId = customId,
            ComponentType = values is null ? ComponentType.Button : ComponentType.StringSelect,
            Values = values,
        });

    /// <summary>A click from a member with these permission bits (32: Manage Server), as on a <c>/dlt-mod</c> message.</summary>
    public static Interaction ModClick(string customId, string permissions, ulong user = Alice) =>
        WithPermissions(Click(customId, user), permissions);

    /// <summary>A submitted form: each field a text input in its own action row, as Discord sends it.</summary>
    public static Interaction Submit(string customId, IReadOnlyDictionary<string, string> fields, string permissions, ulong user = Alice) =>
        WithPermissions(Make(InteractionType.ModalSubmit, "en-US", user, new InteractionData
        {
            CustomId = customId,
            Components = fields.Select(f => new Component
            {
                Type = ComponentType.ActionRow,
                Components = [new Component { Type = ComponentType.TextInput, CustomId = f.Key, Value = f.Value }],
            }).ToList(),
        }), permissions);

    private static Interaction WithPermissions(Interaction interaction, string permissions) =>
        interaction with { Member = interaction.Member! with { Permissions = permissions } };

    private static InteractionDataOption Sub(string name, IReadOnlyDictionary<string, string>? options) => new()
    {
        Name = name,
        Type = ApplicationCommandOptionType.SubCommand,
        Options = options?.Select(o => new InteractionDataOption { Name = o.Key, Type = ApplicationCommandOptionType.String, Value = Json(o.Value) }).ToList(),
    };

    private static Interaction Make(InteractionType type, string locale, ulong user, InteractionData data) => new()
    {
        Id = (ulong)Interlocked.Increment(ref _nextId),
        ApplicationId = AppId,
        Type = type,
        Token = "aW50ZXJhY3Rpb246dGVzdA-" + Guid.NewGuid().ToString("N"),
        Data = data,
        GuildId = 838486034743296000,
        ChannelId = 933273450578183326,
        Member = new GuildMember { User = new User { Id = user, Username = "user" + user } },
        Locale = locale,
        GuildLocale = "en-US",
    };

    private static JsonElement Json(string value) => JsonSerializer.SerializeToElement(value);
}

/// <summary>Records the first answers; can be told to fail like Discord does.</summary>
internal sealed class RecordingSink : IInitialResponseSink
{
    private readonly TaskCompletionSource<InteractionResponse> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<InteractionResponse> Sent { get; } = new();

    public Exception? FailWith { get; set; }

    public Task<InteractionResponse> First => _first.Task;

    public Task SendAsync(Interaction interaction, InteractionResponse response, CancellationToken cancellationToken)
    {
        Sent.Enqueue(response);
        _first.TrySetResult(response);
        return FailWith is null ? Task.CompletedTask : Task.FromException(FailWith);
    }
}

/// <summary>An IDiscordRestClient that records edits and command registrations; everything else is not expected.</summary>
internal sealed class RecordingRestClient : IDiscordRestClient
{
    private readonly TaskCompletionSource<MessageEditRequest> _firstEdit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<MessageEditRequest> Edits { get; } = new();
    public List<IReadOnlyList<ApplicationCommand>> Overwrites { get; } = [];
    public IReadOnlyList<ApplicationCommand> Registered { get; set; } = [];
    public Task<MessageEditRequest> FirstEdit => _firstEdit.Task;

    public Task<MessageEditRequest> NextEditAsync() => _firstEdit.Task.WaitAsync(TimeSpan.FromSeconds(10));

    public Task<Message> EditOriginalResponseAsync(ulong applicationId, string interactionToken, MessageEditRequest edit, CancellationToken cancellationToken = default)
    {
        Edits.Enqueue(edit);
        _firstEdit.TrySetResult(edit);
        return Task.FromResult(new Message { Id = 1, ChannelId = 2 });
    }

    public Task<IReadOnlyList<ApplicationCommand>> GetGlobalCommandsAsync(ulong applicationId, CancellationToken cancellationToken = default) => Task.FromResult(Registered);

    public Task<IReadOnlyList<ApplicationCommand>> GetGuildCommandsAsync(ulong applicationId, ulong guildId, CancellationToken cancellationToken = default) => Task.FromResult(Registered);

    public Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGlobalCommandsAsync(ulong applicationId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken = default)
    {
        Overwrites.Add(commands);
        Registered = commands;
        return Task.FromResult(commands);
    }

    public Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGuildCommandsAsync(ulong applicationId, ulong guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken = default) =>
        BulkOverwriteGlobalCommandsAsync(applicationId, commands, cancellationToken);

    public Task<GatewayBot> GetGatewayBotAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task CreateInteractionResponseAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task DeleteOriginalResponseAsync(ulong applicationId, string interactionToken, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<Message> CreateFollowupMessageAsync(ulong applicationId, string interactionToken, MessageCreateRequest message, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<Message> EditFollowupMessageAsync(ulong applicationId, string interactionToken, ulong messageId, MessageEditRequest edit, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task DeleteFollowupMessageAsync(ulong applicationId, string interactionToken, ulong messageId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<Message> CreateMessageAsync(ulong channelId, MessageCreateRequest message, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<Channel> StartThreadFromMessageAsync(ulong channelId, ulong messageId, StartThreadRequest thread, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<Channel> GetChannelAsync(ulong channelId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<Message>> GetChannelMessagesAsync(ulong channelId, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<Message> GetMessageAsync(ulong channelId, ulong messageId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<Guild> GetGuildAsync(ulong guildId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<GuildMember> GetGuildMemberAsync(ulong guildId, ulong userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<User> GetCurrentUserAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

/// <summary>Keeps log lines so tests can check that an apology's reference was logged.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue((logLevel, formatter(state, exception), exception));
}
