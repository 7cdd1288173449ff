using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Curation;
using DltBot.Bot.Localization;
using DltBot.Bot.Search;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests.Moderation;

/// <summary>/dlt-mod through the real pipeline, on a real SQLite file in a temp folder and the real search engine.</summary>
public sealed class ModerationCommandsTests : IDisposable
{
    private const ulong Guild = 838486034743296000, OtherGuild = 999, Moderator = 1, Member = 2, CuratorRole = 77;
    private readonly string root = Directory.CreateTempSubdirectory("dltbot-mod-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CommandHarness Bot(CatalogLoading.CatalogSnapshot? catalog = null) =>
        CommandHarness.Create(catalog ?? TestCatalog.Snapshot, SearchEngine.Create, time, configure: services =>
        {
            // The bot's own wiring, on a database in this test's folder with a short busy timeout.
            services.AddSingleton(Stores.Sqlite(new SqliteStoreOptions(Path.Combine(root, "dltbot.db"), BusyTimeout: TimeSpan.FromMilliseconds(200)), time));
            services.AddCuration(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        });

    private static Invocation As(ulong user, ulong permissions = 0, ulong guild = Guild, params ulong[] roles) =>
        new(new Caller(user, "user" + user, permissions, roles), Place.Guild(guild, 5), Language.English, Surface.Discord);

    private static Reply Mod(CommandHarness bot, Invocation who, string name, params (string, string?)[] options) =>
        bot.Run(ModCommandSet.Path(name), RawArguments.Of(options), who);

    private static Reply Search(CommandHarness bot, Invocation who, string query) =>
        bot.Run(new CommandPath("dlt", "search"), RawArguments.Of(("query", query)), who);

    private static async Task<CommandHarness> StartedAsync(CommandHarness bot)
    {
        await bot.Services.GetRequiredService<Curator>().StartAsync(Ct);
        return bot;
    }

    [Fact]
    public async Task A_moderator_adds_an_entry_and_that_server_finds_it_at_once_but_no_other_server_does()
    {
        using var bot = await StartedAsync(Bot());
        var moderator = As(Moderator, DiscordPermission.ManageGuild);

        var added = Assert.IsType<EntryCardReply>(Mod(bot, moderator, "add", ("url", "https://arxiv.org/abs/2301.02679"),
            ("title", "Grokking modular arithmetic"), ("topic", "优化"), ("year", "2023"), ("reason", "for the reading group")));

        Assert.Equal("arxiv:2301.02679", added.Card.Id);
        Assert.Equal("Added arxiv:2301.02679", added.Heading);
        var found = Assert.IsType<EntryListReply>(Search(bot, moderator, "modular arithmetic"));
        Assert.Contains(found.Rows, r => r.Id == "arxiv:2301.02679");
        var elsewhere = Assert.IsType<EntryListReply>(Search(bot, As(Member, guild: OtherGuild), "modular arithmetic"));
        Assert.DoesNotContain(elsewhere.Rows, r => r.Id == "arxiv:2301.02679");
        Assert.IsType<EntryCardReply>(bot.Run(new CommandPath("dlt", "show"), RawArguments.Of(("id", "arxiv:2301.02679")), As(Member)));
    }

    [Fact]
    public async Task A_member_without_rights_is_refused_and_nothing_changes()
    {
        using var bot = await StartedAsync(Bot());
        var refused = Assert.IsType<ErrorReply>(Mod(bot, As(Member), "add", ("url", "https://example.org/x"), ("title", "X"), ("topic", "Overview")));
        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
        var history = await bot.Services.GetRequiredService<IEntryStore>().HistoryAsync(Place.Guild(Guild, null).Key, new(), 0, 10, Ct);
        Assert.Equal(0, history.Total);

        var dm = new Invocation(new Caller(Moderator, "m", DiscordPermission.Administrator, []), Place.Direct(3), Language.English, Surface.Discord);
        Assert.Equal(ErrorKind.Forbidden, Assert.IsType<ErrorReply>(Mod(bot, dm, "remove", ("id", "arxiv:2210.01117"))).Kind);
    }

    [Fact]
    public async Task A_curator_role_grants_the_commands_and_taking_it_away_revokes_them()
    {
        using var bot = await StartedAsync(Bot());
        var admin = As(Moderator, DiscordPermission.Administrator);
        var curator = As(Member, 0, Guild, CuratorRole);
        Assert.Equal(ErrorKind.Forbidden, Assert.IsType<ErrorReply>(Mod(bot, curator, "remove", ("id", "arxiv:2210.01117"))).Kind);

        Mod(bot, admin, "roles", ("action", "add"), ("role", CuratorRole.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.IsType<InfoReply>(Mod(bot, curator, "remove", ("id", "arxiv:2210.01117")));

        Mod(bot, admin, "roles", ("action", "remove"), ("role", CuratorRole.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(ErrorKind.Forbidden, Assert.IsType<ErrorReply>(Mod(bot, curator, "restore", ("id", "arxiv:2210.01117"))).Kind);
    }

    [Fact]
    public async Task Remove_hides_an_entry_from_every_command_and_restore_brings_it_back_and_after_a_restart_it_is_all_still_there()
    {
        var moderator = As(Moderator, DiscordPermission.ManageGuild);
        using (var bot = await StartedAsync(Bot()))
        {
            Assert.IsType<InfoReply>(Mod(bot, moderator, "remove", ("id", "arxiv:2210.01117"), ("reason", "duplicate")));
            Assert.DoesNotContain(Assert.IsType<EntryListReply>(Search(bot, moderator, "grokking")).Rows, r => r.Id == "arxiv:2210.01117");
            Assert.IsType<ErrorReply>(bot.Run(new CommandPath("dlt", "show"), RawArguments.Of(("id", "arxiv:2210.01117")), moderator));
            Mod(bot, moderator, "add", ("url", "https://example.org/notes"), ("title", "Lecture notes on grokking"), ("topic", "Overview"));
        }

        using (var restarted = await StartedAsync(Bot()))
        {
            Assert.DoesNotContain(Assert.IsType<EntryListReply>(Search(restarted, moderator, "grokking")).Rows, r => r.Id == "arxiv:2210.01117");
            Assert.Contains(Assert.IsType<EntryListReply>(Search(restarted, moderator, "lecture notes")).Rows, r => r.Title == "Lecture notes on grokking");

            var back = Assert.IsType<EntryCardReply>(Mod(restarted, moderator, "restore", ("id", "arxiv:2210.01117")));
            Assert.Equal("arxiv:2210.01117", back.Card.Id);
            Assert.Contains(Assert.IsType<EntryListReply>(Search(restarted, moderator, "omnigrok")).Rows, r => r.Id == "arxiv:2210.01117");

            var history = Assert.IsType<InfoReply>(Mod(restarted, moderator, "history"));
            Assert.Equal("Change log (3)", history.Title);
            Assert.StartsWith("2026-12-05 12:00 UTC · restore · arxiv:2210.01117", history.Lines[0]);
            Assert.Contains("“duplicate”", history.Lines[2]);
        }
    }

    [Fact]
    public async Task An_edit_replaces_the_given_fields_and_a_duplicate_link_is_refused_unless_forced()
    {
        using var bot = await StartedAsync(Bot());
        var moderator = As(Moderator, DiscordPermission.ManageGuild);

        var edited = Assert.IsType<EntryCardReply>(Mod(bot, moderator, "edit", ("id", "arxiv:2210.01117"), ("title", "Omnigrok (ICLR 2023)"), ("year", "2023")));
        Assert.Equal(("Omnigrok (ICLR 2023)", 2023), (edited.Card.Title, edited.Card.Year));

        var duplicate = Assert.IsType<ErrorReply>(Mod(bot, moderator, "add", ("url", "https://arxiv.org/pdf/2210.01117v2.pdf"), ("title", "Again"), ("topic", "Overview")));
        Assert.Contains("arxiv:2210.01117", duplicate.Message);
        var forced = Assert.IsType<EntryCardReply>(Mod(bot, moderator, "add", ("url", "https://arxiv.org/pdf/2210.01117v2.pdf"), ("title", "Again"), ("topic", "Overview"), ("force", "true")));
        Assert.Equal("arxiv:2210.01117-2", forced.Card.Id);
    }

    [Theory]
    [InlineData("url", "ftp://example.org/x", "url \"ftp://example.org/x\" is not an absolute http(s) link")]
    [InlineData("title", "line\u0007bell", "title contains control characters")]
    [InlineData("year", "2031", "year 2031 is out of range; use a year from 1900 to 2027")]
    [InlineData("topic", "optimisaton", "topic \"optimisaton\" is not a topic of this server's list; closest: ")]
    public async Task Each_bad_field_gets_an_error_that_names_it_and_nothing_is_stored(string field, string value, string expected)
    {
        using var bot = await StartedAsync(Bot());
        var options = new Dictionary<string, string?> { ["url"] = "https://example.org/new", ["title"] = "New", ["topic"] = "Overview", [field] = value };
        var error = Assert.IsType<ErrorReply>(Mod(bot, As(Moderator, DiscordPermission.ManageGuild), "add", options.Select(o => (o.Key, o.Value)).ToArray()));
        Assert.StartsWith(expected, error.Message);
        Assert.Equal(0, (await bot.Services.GetRequiredService<IEntryStore>().HistoryAsync(Guild.ToString(System.Globalization.CultureInfo.InvariantCulture), new(), 0, 1, Ct)).Total);
    }

    [Fact]
    public async Task Export_of_an_unchanged_list_is_its_source_byte_for_byte_and_after_changes_it_imports_back_to_the_same_entries()
    {
        var source = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, Configuration.CatalogOptions.BundledPath), Ct);
        var bundled = Catalog.Import.MarkdownCatalogImporter.Import(source).List;
        var snapshot = new CatalogLoading.CatalogSnapshot(bundled, [], "bundled", time.GetUtcNow());
        using var bot = await StartedAsync(Bot(snapshot));
        var moderator = As(Moderator, DiscordPermission.ManageGuild);

        var unchanged = Assert.IsType<FileReply>(Mod(bot, moderator, "export"));
        Assert.Equal(source, unchanged.Text);

        Mod(bot, moderator, "add", ("url", "https://example.org/notes]("), ("title", "Notes ](https://evil.example) <b>bold</b>"), ("topic", "优化"),
            ("note", "line one"));
        Mod(bot, moderator, "remove", ("id", "arxiv:2210.01117"));
        var changed = Assert.IsType<FileReply>(Mod(bot, moderator, "export"));
        var reimported = Catalog.Import.MarkdownCatalogImporter.Import(changed.Text).List;
        var view = bot.Catalogs.ViewFor(moderator.Place);
        Assert.Equal(view.List.AllEntries().Select(e => (e.Title, e.Url)), reimported.AllEntries().Select(e => (e.Title, e.Url)));
        Assert.DoesNotContain("https://evil.example)", reimported.AllEntries().Select(e => e.Url ?? ""));

        // On Discord the same reply is an attachment.
        var message = DltBot.Bot.Interactions.DiscordReplyRenderer.Render(changed, Moderator);
        var file = Assert.Single(message.Files!);
        Assert.Equal("deep-learning-theory.md", file.FileName);
        Assert.Equal(changed.Text, System.Text.Encoding.UTF8.GetString(file.Content.Span));
    }

    [Fact]
    public async Task A_database_that_cannot_be_used_gives_the_moderator_a_clear_error_and_searches_keep_working()
    {
        using var bot = await StartedAsync(Bot());
        var moderator = As(Moderator, DiscordPermission.ManageGuild);
        Mod(bot, moderator, "remove", ("id", "arxiv:1710.11029"));
        // Something else holds the write lock for longer than the busy timeout allows.
        using var blocker = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(root, "dltbot.db")};Pooling=False");
        blocker.Open();
        using (var command = blocker.CreateCommand())
        {
            command.CommandText = "BEGIN EXCLUSIVE";
            command.ExecuteNonQuery();
        }

        var error = Assert.IsType<ErrorReply>(Mod(bot, moderator, "add", ("url", "https://example.org/y"), ("title", "Y"), ("topic", "Overview")));
        Assert.StartsWith("The database cannot be used right now", error.Message);
        Assert.IsType<EntryListReply>(Search(bot, moderator, "grokking"));
    }
}
