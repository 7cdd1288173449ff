using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Curation;
using DltBot.Bot.Localization;
using DltBot.Bot.Search;
using DltBot.Catalog.Curation;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests.Moderation;

/// <summary>
/// An edit through an instance whose view has not yet caught up with another instance's change to the same entry (with
/// several instances, a change reaches the others' views a moment after it is stored): the edit must not write the
/// stale fields back. Found by the fault suite's concurrent edits through two real processes.
/// </summary>
public sealed class StaleViewEditTests : IDisposable
{
    private const ulong Guild = 838486034743296000, Moderator = 1;
    private const string Id = "arxiv:2210.01117";
    private readonly string root = Directory.CreateTempSubdirectory("dltbot-stale-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_edit_of_one_field_keeps_a_change_another_instance_stored_that_this_view_has_not_seen_yet()
    {
        using var bot = CommandHarness.Create(TestCatalog.Snapshot, SearchEngine.Create, time, configure: services =>
        {
            services.AddSingleton(Stores.Sqlite(new SqliteStoreOptions(Path.Combine(root, "dltbot.db")), time));
            services.AddCuration(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        });
        await bot.Services.GetRequiredService<Curator>().StartAsync(Ct);
        var moderator = new Invocation(new Caller(Moderator, "mod", DiscordPermission.ManageGuild, []), Place.Guild(Guild, 5), Language.English, Surface.Discord);
        var found = bot.Catalogs.ViewFor(moderator.Place).Index.Find(Id)!.Value;
        var shown = EntryFields.Of(found.Entry, found.Section);

        // Another instance renames the entry; this instance's view has not heard of it yet.
        var elsewhere = await bot.Services.GetRequiredService<Stores>().Entries.EditAsync(
            Guild.ToString(System.Globalization.CultureInfo.InvariantCulture), new EntryEdit(Id, 0, shown, shown with { Title = "Renamed elsewhere" }),
            new Actor("9", "other moderator"), null, Ct);
        Assert.IsType<ChangeOutcome.Applied>(elsewhere);
        Assert.Equal(shown.Title, bot.Catalogs.ViewFor(moderator.Place).Index.Find(Id)!.Value.Entry.Title);

        var reply = bot.Run(ModCommandSet.Path("edit"), RawArguments.Of(("id", Id), ("note", "A note of our own")), moderator);

        var stored = await bot.Services.GetRequiredService<Stores>().Entries.GetEntryAsync(Guild.ToString(System.Globalization.CultureInfo.InvariantCulture), Id, Ct);
        if (reply is ErrorReply refused)
        {
            // Refusing as "changed meanwhile" loses nothing either.
            Assert.Contains("changed meanwhile", refused.Message, StringComparison.Ordinal);
            Assert.Equal(("Renamed elsewhere", shown.Note), (stored!.Fields.Title, stored.Fields.Note));
        }
        else
        {
            Assert.IsType<EntryCardReply>(reply);
            Assert.Equal(("Renamed elsewhere", "A note of our own"), (stored!.Fields.Title, stored.Fields.Note));
        }
    }
}
