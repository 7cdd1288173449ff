using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Curation;
using DltBot.Bot.LinkHealth;
using DltBot.Bot.Localization;
using DltBot.Bot.Search;
using DltBot.Catalog.LinkHealth;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests.LinkHealth;

/// <summary>/dlt-mod check, its buttons and /dlt show's note, through the real pipeline on a real SQLite file.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private const ulong Guild = 838486034743296000, Moderator = 1, Member = 2;
    private const string DeadUrl = "https://arxiv.org/pdf/2012.10931.pdf", MovedUrl = "https://arxiv.org/abs/2210.01117", NewUrl = "https://arxiv.org/abs/2210.01117v3";
    private readonly string root = Directory.CreateTempSubdirectory("dltbot-check-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Invocation As(ulong user, ulong permissions = 0) =>
        new(new Caller(user, "user" + user, permissions, []), Place.Guild(Guild, 5), Language.English, Surface.Discord);

    private async Task<CommandHarness> BotAsync()
    {
        var bot = CommandHarness.Create(TestCatalog.Snapshot, SearchEngine.Create, time, configure: services =>
        {
            services.AddSingleton(Stores.Sqlite(new SqliteStoreOptions(Path.Combine(root, "dltbot.db")), time));
            var configuration = new ConfigurationBuilder().Build();
            services.AddCuration(configuration);
            services.AddLinkHealth(configuration);
        });
        await bot.Services.GetRequiredService<Curator>().StartAsync(Ct);
        return bot;
    }

    /// <summary>The dead link failed on 1 December and again a week later; the moved one answered 301 to its v3.</summary>
    private async Task SeedChecksAsync(CommandHarness bot)
    {
        var store = bot.Services.GetRequiredService<ILinkChecks>();
        await store.RecordAsync([new LinkProbe(DeadUrl, ProbeOutcome.Failed, 404, DeadUrl, "404 NotFound", [], time.GetUtcNow())], Ct);
        time.Advance(TimeSpan.FromDays(7));
        await store.RecordAsync(
        [
            new LinkProbe(DeadUrl, ProbeOutcome.Failed, 404, DeadUrl, "404 NotFound", [], time.GetUtcNow()),
            new LinkProbe(MovedUrl, ProbeOutcome.Reachable, 200, NewUrl, null, [new RedirectHop(301, MovedUrl, NewUrl)], time.GetUtcNow()),
        ], Ct);
    }

    private static Reply Mod(CommandHarness bot, Invocation who, string name, params (string, string?)[] options) =>
        bot.Run(ModCommandSet.Path(name), RawArguments.Of(options), who);

    private static Reply Click(CommandHarness bot, Invocation who, string customId)
    {
        var handler = bot.Registry.ComponentFor(customId) ?? throw new InvalidOperationException($"no handler for {customId}");
        var plan = handler.Plan(new ComponentContext(customId, [], new Dictionary<string, string>(), who.Caller, who.Place, who.Language,
            bot.Catalogs.ViewFor(who.Place)))!;
        return plan.Run(Ct).AsTask().GetAwaiter().GetResult();
    }

    [Fact]
    public async Task Check_lists_dead_and_moved_links_duplicates_and_entries_without_a_link_with_buttons_to_fix_them()
    {
        using var bot = await BotAsync();
        await SeedChecksAsync(bot);
        var moderator = As(Moderator, DiscordPermission.ManageGuild);
        Mod(bot, moderator, "add", ("url", "https://arxiv.org/pdf/1710.11029v2"), ("title", "SGD as variational inference, again"), ("topic", "Optimization"), ("force", "true"));

        var check = Assert.IsType<InfoReply>(Mod(bot, moderator, "check"));

        Assert.Equal("Check: 6 finding(s)", check.Title);
        Assert.Equal("Dead link: 1 · Moved: 1 · Duplicate: 1 · No link: 3", check.Lines[0]);
        Assert.Equal("1. [Dead link] arxiv:2012.10931 — https://arxiv.org/pdf/2012.10931.pdf unreachable since 2026-12-01 (404 NotFound)", check.Lines[1]);
        Assert.Equal($"2. [Moved] arxiv:2210.01117 — {MovedUrl} moved permanently to {NewUrl}", check.Lines[2]);
        Assert.StartsWith("3. [Duplicate] arxiv:1710.11029-2 — SGD as variational inference, again: the same as arxiv:1710.11029 (arxiv:1710.11029)", check.Lines[3]);
        Assert.Equal("Page 1 of 2", check.Lines[^1]);
        Assert.Equal(["Remove 1", "Update 2", "Remove 3", "◀", "▶"], check.Actions.Select(a => a.Label));

        var page2 = Assert.IsType<InfoReply>(Click(bot, moderator, check.Actions[^1].CustomId));
        Assert.StartsWith("6. [No link]", page2.Lines[1]);
        Assert.Empty(Assert.IsType<InfoReply>(Mod(bot, As(Moderator, DiscordPermission.ManageGuild) with { Surface = Surface.Cli }, "check")).Actions);
    }

    [Fact]
    public async Task The_buttons_apply_the_moved_link_and_remove_a_duplicate_through_the_audited_change_path_once()
    {
        using var bot = await BotAsync();
        await SeedChecksAsync(bot);
        var moderator = As(Moderator, DiscordPermission.ManageGuild);
        Mod(bot, moderator, "add", ("url", "https://arxiv.org/pdf/1710.11029v2"), ("title", "SGD again"), ("topic", "Optimization"), ("force", "true"));
        var actions = Assert.IsType<InfoReply>(Mod(bot, moderator, "check")).Actions;

        Assert.Equal(ErrorKind.Forbidden, Assert.IsType<ErrorReply>(Click(bot, As(Member), actions[1].CustomId)).Kind);
        var updated = Assert.IsType<EntryCardReply>(Click(bot, moderator, actions[1].CustomId));
        var removed = Assert.IsType<InfoReply>(Click(bot, moderator, actions[2].CustomId));
        var again = Assert.IsType<ErrorReply>(Click(bot, moderator, actions[1].CustomId));

        Assert.Equal((NewUrl, "Edited arxiv:2210.01117"), (updated.Card.Url, updated.Heading));
        Assert.StartsWith("Removed arxiv:1710.11029-2", removed.Title);
        Assert.StartsWith("That finding is gone", again.Message);
        var history = await bot.Services.GetRequiredService<IEntryStore>().HistoryAsync(Guild.ToString(System.Globalization.CultureInfo.InvariantCulture), new(), 0, 10, Ct);
        Assert.Equal([ChangeAction.Remove, ChangeAction.Edit, ChangeAction.Add], history.Changes.Select(c => c.Action));
        Assert.Equal($"link check: {MovedUrl} moved permanently to {NewUrl}", history.Changes[1].Reason);
        Assert.Equal("link check: duplicate of arxiv:1710.11029 (arxiv:1710.11029)", history.Changes[0].Reason);
        var after = Assert.IsType<InfoReply>(Mod(bot, moderator, "check"));
        Assert.DoesNotContain(after.Lines, l => l.Contains("[Moved]", StringComparison.Ordinal) || l.Contains("[Duplicate]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Show_notes_since_when_a_dead_link_is_unreachable_and_nothing_on_a_link_that_failed_once()
    {
        using var bot = await BotAsync();
        var store = bot.Services.GetRequiredService<ILinkChecks>();
        await store.RecordAsync([new LinkProbe(MovedUrl, ProbeOutcome.Failed, null, MovedUrl, "no answer within 10 s", [], time.GetUtcNow())], Ct);
        await SeedChecksAsync(bot);

        var dead = Assert.IsType<EntryCardReply>(bot.Run("show", Language.English, ("id", "arxiv:2012.10931")));
        var chinese = Assert.IsType<EntryCardReply>(bot.Run("show", Language.Chinese, ("id", "arxiv:2012.10931")));
        var recovered = Assert.IsType<EntryCardReply>(bot.Run("show", Language.English, ("id", "arxiv:2210.01117")));

        Assert.Equal("⚠ link unreachable since 2026-12-01", dead.Heading);
        Assert.Equal("⚠ 链接自 2026-12-01 起无法访问", chinese.Heading);
        Assert.Null(recovered.Heading);
    }

    [Fact]
    public async Task A_place_with_nothing_to_fix_says_so()
    {
        var clean = TestCatalog.Snapshot with
        {
            List = TestCatalog.List with { Sections = [TestCatalog.List.Sections[1] with { Entries = [TestCatalog.Omnigrok] }] },
        };
        using var bot = CommandHarness.Create(clean, SearchEngine.Create, time, configure: services =>
        {
            services.AddSingleton(Stores.Sqlite(new SqliteStoreOptions(Path.Combine(root, "clean.db")), time));
            services.AddCuration(new ConfigurationBuilder().Build());
            services.AddLinkHealth(new ConfigurationBuilder().Build());
        });

        var check = Assert.IsType<InfoReply>(Mod(bot, As(Moderator, DiscordPermission.ManageGuild), "check"));

        Assert.Equal(["Nothing to fix: every link checked so far works, and there are no duplicates."], check.Lines);
    }
}
