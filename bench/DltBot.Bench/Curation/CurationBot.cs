using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Curation;
using DltBot.Bot.Hosting;
using DltBot.Bot.Localization;
using DltBot.Bot.Search;
using DltBot.Catalog.Curation;
using DltBot.Catalog.Model;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DltBot.Bench.Curation;

/// <summary>
/// The bot's command pipeline as the host wires it (catalog views, the real search engine, <c>AddCuration</c> with a
/// real SQLite file in a temp folder, registry and runner), without a host or a transport, on one base catalog.
/// </summary>
internal sealed class CurationBot : IDisposable
{
    private static readonly Actor BenchActor = new("1", "bench moderator");
    private readonly ServiceProvider services;
    private readonly string folder;

    private CurationBot(ServiceProvider services, string folder)
    {
        this.services = services;
        this.folder = folder;
    }

    public static async Task<CurationBot> StartAsync(ReadingList list)
    {
        var folder = Directory.CreateTempSubdirectory("dltbot-bench-curation-").FullName;
        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        collection.AddSingleton(TimeProvider.System);
        collection.AddSingleton<ICatalogViews>(new CatalogViews(SearchEngine.Create, changesSearch: SearchEngine.CreateForChanges));
        collection.AddSingleton(Stores.Sqlite(new SqliteStoreOptions(Path.Combine(folder, "dltbot.db")), TimeProvider.System));
        collection.AddCuration(new ConfigurationBuilder().Build());
        collection.AddCommandPipeline();
        var bot = new CurationBot(collection.BuildServiceProvider(), folder);
        // As at start: the base list's index is built before it is published, then the store is migrated and loaded.
        await bot.Catalogs.PublishPreparedAsync(CatalogSnapshot.Of(list, "bench"), CancellationToken.None);
        await bot.Curator.StartAsync(CancellationToken.None);
        return bot;
    }

    public ICatalogViews Catalogs => services.GetRequiredService<ICatalogViews>();

    public Curator Curator => services.GetRequiredService<Curator>();

    public IEntryStore Store => services.GetRequiredService<IEntryStore>();

    private CommandRegistry Registry => services.GetRequiredService<CommandRegistry>();

    private CommandRunner Runner => services.GetRequiredService<CommandRunner>();

    /// <summary>A member with Manage Server in the guild, as Discord would send them.</summary>
    public static Invocation Moderator(ulong guild) =>
        new(new Caller(1, "bench moderator", DiscordPermission.ManageGuild, []), Place.Guild(guild, 5), Language.English, Surface.Discord);

    public ValueTask<Reply> RunAsync(CommandPath path, Invocation who, params (string Name, string? Value)[] options)
    {
        var command = Registry.Find(path) ?? throw new InvalidOperationException($"{path} is not registered.");
        return Runner.RunAsync(command, RawArguments.Of(options), who, CancellationToken.None);
    }

    /// <summary><c>/dlt-mod add</c> with a title given, so no arXiv request is made.</summary>
    public ValueTask<Reply> AddAsync(Invocation who, string url, string title, string topic) =>
        RunAsync(ModCommandSet.Path("add"), who, ("url", url), ("title", title), ("topic", topic), ("reason", "bench"));

    public ValueTask<Reply> SearchAsync(Invocation who, string query) =>
        RunAsync(new CommandPath("dlt", "search"), who, ("query", query));

    /// <summary>
    /// Ten changes straight into the store (7 additions, 2 edits of base entries, 1 removal), as a guild that has been
    /// curated for a while; the caller refreshes or loads the views afterwards.
    /// </summary>
    public async Task WriteTenChangesAsync(string guild, int seed, IReadOnlyList<(Entry Entry, Section Section)> baseEntries, string topic)
    {
        for (var k = 0; k < 7; k++)
        {
            var n = seed * 10 + k;
            var fields = new EntryFields($"Curated note {Word(n)} on grokking and generalization", $"https://example.org/curated/{n}", topic, 2024, "A moderator's addition.");
            Expect(await Store.AddAsync(guild, $"curated-{n}", fields, BenchActor, "bench", CancellationToken.None));
        }
        for (var k = 0; k < 3; k++)
        {
            var (entry, section) = baseEntries[(seed * 3 + k) * 7919 % baseEntries.Count];
            var seen = EntryFields.Of(entry, section);
            Expect(k < 2
                ? await Store.EditAsync(guild, new EntryEdit(entry.Id, 0, seen, seen with { Title = seen.Title + " (edited)" }), BenchActor, "bench", CancellationToken.None)
                : await Store.RemoveAsync(guild, entry.Id, seen, BenchActor, "bench", CancellationToken.None));
        }
    }

    /// <summary>A made-up word no catalog contains, unique for <paramref name="n"/>, so a search for it finds one entry.</summary>
    public static string Word(int n)
    {
        var letters = new System.Text.StringBuilder("zq");
        do
        {
            letters.Append((char)('a' + n % 26));
            n /= 26;
        }
        while (n > 0);
        return letters.Append("vex").ToString();
    }

    private static void Expect(ChangeOutcome outcome)
    {
        if (outcome is not ChangeOutcome.Applied) throw new InvalidOperationException($"The store did not apply a bench change: {outcome}.");
    }

    public void Dispose()
    {
        services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
    }
}
