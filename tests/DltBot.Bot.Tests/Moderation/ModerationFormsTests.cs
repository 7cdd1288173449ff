using DltBot.Bot.Arxiv;
using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Curation;
using DltBot.Bot.Interactions;
using DltBot.Bot.Localization;
using DltBot.Bot.Search;
using DltBot.Bot.Tests.Interactions;
using DltBot.Discord.Models;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;
using static DltBot.Bot.Tests.Interactions.TestInteractions;

namespace DltBot.Bot.Tests.Moderation;

/// <summary>
/// The parts of <c>/dlt-mod</c> only Discord has, through the real router: forms (modals) for add and edit, the arXiv
/// preview with Confirm and Cancel, the form offered when arXiv fails, and the history's page buttons.
/// </summary>
public sealed class ModerationFormsTests : IDisposable
{
    private const string ManageServer = "32", NoRights = "0";
    private const string Grokking = "2301.02679";
    private static readonly ArxivPaper Paper = new(Grokking, "Grokking modular arithmetic", ["Andrey Gromov"], 2023,
        "We present a simple neural network that can learn modular arithmetic tasks and exhibits a sudden jump in generalization.",
        new Uri("https://arxiv.org/abs/2301.02679"));

    private readonly string root = Directory.CreateTempSubdirectory("dltbot-forms-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    private readonly Mock<IArxivClient> arxiv = new(MockBehavior.Strict);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<CommandHarness> StartedAsync()
    {
        var bot = CommandHarness.Create(TestCatalog.Snapshot, SearchEngine.Create, time, configure: services =>
        {
            services.AddSingleton(Stores.Sqlite(new SqliteStoreOptions(Path.Combine(root, "dltbot.db")), time));
            services.AddSingleton(arxiv.Object);
            services.AddCuration(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        });
        await bot.Services.GetRequiredService<Curator>().StartAsync(Ct);
        return bot;
    }

    private static async Task<(DeferStyle Defer, InteractionResponse Response)> AnswerAsync(CommandHarness bot, Interaction interaction)
    {
        var plan = bot.Router.Plan(interaction);
        return (plan.Defer, await plan.Produce(Ct));
    }

    private static Dictionary<string, string> Options(params (string Name, string Value)[] options) => options.ToDictionary(o => o.Name, o => o.Value);

    private static IEnumerable<Component> Inputs(InteractionResponse modal) => modal.Data!.Components!.SelectMany(row => row.Components!);

    private static IEnumerable<Component> Buttons(InteractionResponse message) =>
        message.Data!.Components!.SelectMany(row => row.Components ?? []).Where(c => c.Type == ComponentType.Button);

    private static Reply Search(CommandHarness bot, string query) =>
        bot.Run(new CommandPath("dlt", "search"), RawArguments.Of(("query", query)),
            new Invocation(new Caller(Bob, "bob", 0, []), Place.Guild(838486034743296000, null), Language.English, Surface.Discord));

    [Fact]
    public async Task A_link_without_a_title_opens_the_form_at_once_and_the_submitted_form_adds_the_entry()
    {
        using var bot = await StartedAsync();

        var (defer, form) = await AnswerAsync(bot, Mod("add", Options(("url", "https://example.org/notes"), ("topic", "优化")), ManageServer));

        Assert.Equal(DeferStyle.None, defer);
        Assert.Equal(InteractionCallbackType.Modal, form.Type);
        Assert.Equal(ModComponents.AddFormId, form.Data!.CustomId);
        Assert.Equal("https://example.org/notes", Inputs(form).Single(i => i.CustomId == "url").Value);
        Assert.Equal("Optimization", Inputs(form).Single(i => i.CustomId == "topic").Value);
        Assert.Empty(await bot.Services.GetRequiredService<IEntryStore>().GuildsWithChangesAsync(Ct));

        var (_, added) = await AnswerAsync(bot, Submit(ModComponents.AddFormId, new Dictionary<string, string>
        {
            ["title"] = "Lecture notes on grokking", ["url"] = "https://example.org/notes", ["topic"] = "Optimization", ["year"] = "2024", ["note"] = "",
        }, ManageServer));

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, added.Type);
        Assert.Equal(MessageFlags.Ephemeral, added.Data!.Flags);
        Assert.Contains("Lecture notes on grokking", added.Data.Embeds![0].Title);
        Assert.Contains(Assert.IsType<EntryListReply>(Search(bot, "lecture notes grokking")).Rows, r => r.Title == "Lecture notes on grokking");
    }

    [Fact]
    public async Task A_form_submitted_by_a_member_without_rights_changes_nothing()
    {
        using var bot = await StartedAsync();

        var (_, refused) = await AnswerAsync(bot, Submit(ModComponents.AddFormId, new Dictionary<string, string>
        {
            ["title"] = "Sneaky", ["url"] = "https://example.org/sneaky", ["topic"] = "Overview",
        }, NoRights, user: Bob));

        Assert.Equal(MessageFlags.Ephemeral, refused.Data!.Flags);
        Assert.Contains("moderators", refused.Data.Content);
        Assert.Empty(await bot.Services.GetRequiredService<IEntryStore>().GuildsWithChangesAsync(Ct));
    }

    [Fact]
    public async Task A_form_with_a_bad_year_names_the_field()
    {
        using var bot = await StartedAsync();

        var (_, error) = await AnswerAsync(bot, Submit(ModComponents.AddFormId, new Dictionary<string, string>
        {
            ["title"] = "Notes", ["url"] = "https://example.org/notes", ["topic"] = "Overview", ["year"] = "1066",
        }, ManageServer));

        Assert.Contains("year", error.Data!.Content);
        Assert.Empty(await bot.Services.GetRequiredService<IEntryStore>().GuildsWithChangesAsync(Ct));
    }

    [Fact]
    public async Task An_arxiv_link_without_a_title_shows_a_preview_and_only_the_requester_can_confirm_it_once()
    {
        arxiv.Setup(a => a.LookupAsync(Grokking, It.IsAny<CancellationToken>())).ReturnsAsync(new ArxivLookup.Found(Paper));
        using var bot = await StartedAsync();
        var store = bot.Services.GetRequiredService<IEntryStore>();

        var (defer, preview) = await AnswerAsync(bot, Mod("add", Options(("url", "https://arxiv.org/abs/2301.02679v2"), ("topic", "优化")), ManageServer));

        Assert.Equal(DeferStyle.EphemeralMessage, defer);
        Assert.Equal("Grokking modular arithmetic", preview.Data!.Embeds![0].Title);
        Assert.Contains("Andrey Gromov", preview.Data.Embeds[0].Description);
        Assert.Contains("2023", preview.Data.Embeds[0].Fields!.Select(f => f.Value));
        Assert.Empty(await store.GuildsWithChangesAsync(Ct));
        var confirm = Buttons(preview).First().CustomId!;
        var cancel = Buttons(preview).Last().CustomId!;

        var (_, notYours) = await AnswerAsync(bot, ModClick(confirm, ManageServer, user: Bob));
        Assert.Contains("Only the moderator who asked", notYours.Data!.Content);
        Assert.Empty(await store.GuildsWithChangesAsync(Ct));

        var (_, added) = await AnswerAsync(bot, ModClick(confirm, ManageServer));
        Assert.Equal(InteractionCallbackType.UpdateMessage, added.Type);
        Assert.Contains("Added arxiv:2301.02679", added.Data!.Embeds![0].Author!.Name);
        Assert.Empty(added.Data.Components!);

        var (_, again) = await AnswerAsync(bot, ModClick(confirm, ManageServer));
        Assert.Contains("expired", again.Data!.Content);
        var (_, late) = await AnswerAsync(bot, ModClick(cancel, ManageServer));
        Assert.Contains("Cancelled", late.Data!.Embeds![0].Title);
        Assert.Equal(1, (await store.HistoryAsync(Place.Guild(838486034743296000, null).Key, new(), 0, 10, Ct)).Total);
        arxiv.Verify(a => a.LookupAsync(Grokking, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Cancel_under_a_preview_adds_nothing()
    {
        arxiv.Setup(a => a.LookupAsync(Grokking, It.IsAny<CancellationToken>())).ReturnsAsync(new ArxivLookup.Found(Paper));
        using var bot = await StartedAsync();

        var (_, preview) = await AnswerAsync(bot, Mod("add", Options(("url", Grokking), ("topic", "Overview")), ManageServer));
        var (_, cancelled) = await AnswerAsync(bot, ModClick(Buttons(preview).Last().CustomId!, ManageServer));
        var (_, confirmLater) = await AnswerAsync(bot, ModClick(Buttons(preview).First().CustomId!, ManageServer));

        Assert.Contains("Cancelled", cancelled.Data!.Embeds![0].Title);
        Assert.Contains("expired", confirmLater.Data!.Content);
        Assert.Empty(await bot.Services.GetRequiredService<IEntryStore>().GuildsWithChangesAsync(Ct));
    }

    [Fact]
    public async Task A_preview_expires_with_the_interaction_token()
    {
        arxiv.Setup(a => a.LookupAsync(Grokking, It.IsAny<CancellationToken>())).ReturnsAsync(new ArxivLookup.Found(Paper));
        using var bot = await StartedAsync();

        var (_, preview) = await AnswerAsync(bot, Mod("add", Options(("url", Grokking), ("topic", "Overview")), ManageServer));
        time.Advance(AddDrafts.Lifetime);
        var (_, late) = await AnswerAsync(bot, ModClick(Buttons(preview).First().CustomId!, ManageServer));

        Assert.Contains("expired", late.Data!.Content);
        Assert.Empty(await bot.Services.GetRequiredService<IEntryStore>().GuildsWithChangesAsync(Ct));
    }

    public static TheoryData<string, string> ArxivProblems => new()
    {
        { "rate", "Rate exceeded." },
        { "503", "arXiv answered 503" },
        { "unknown", "arXiv has no paper 2301.02679" },
    };

    [Theory]
    [MemberData(nameof(ArxivProblems))]
    public async Task When_arxiv_cannot_help_the_moderator_is_told_why_and_offered_the_form(string problem, string expected)
    {
        arxiv.Setup(a => a.LookupAsync(Grokking, It.IsAny<CancellationToken>())).ReturnsAsync(problem switch
        {
            "rate" => new ArxivLookup.RateLimited(null),
            "503" => new ArxivLookup.Failed("arXiv answered 503"),
            _ => (ArxivLookup)new ArxivLookup.NotFound(Grokking),
        });
        using var bot = await StartedAsync();

        var (_, answer) = await AnswerAsync(bot, Mod("add", Options(("url", "https://arxiv.org/pdf/2301.02679"), ("topic", "Overview")), ManageServer));
        Assert.Contains(expected, answer.Data!.Content);
        var openForm = Assert.Single(Buttons(answer)).CustomId!;

        var (defer, form) = await AnswerAsync(bot, ModClick(openForm, ManageServer));
        Assert.Equal(DeferStyle.None, defer);
        Assert.Equal(InteractionCallbackType.Modal, form.Type);
        Assert.Equal("https://arxiv.org/pdf/2301.02679", Inputs(form).Single(i => i.CustomId == "url").Value);

        var (_, refused) = await AnswerAsync(bot, ModClick(openForm, NoRights));
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, refused.Type);
        Assert.Contains("moderators", refused.Data!.Content);
    }

    [Fact]
    public async Task The_shell_adds_an_arxiv_paper_directly_and_a_plain_link_without_title_names_the_missing_option()
    {
        arxiv.Setup(a => a.LookupAsync(Grokking, It.IsAny<CancellationToken>())).ReturnsAsync(new ArxivLookup.Found(Paper));
        using var bot = await StartedAsync();

        var added = Assert.IsType<EntryCardReply>(bot.Line("/dlt-mod add https://arxiv.org/abs/2301.02679 --topic 优化"));
        var missing = Assert.IsType<ErrorReply>(bot.Line("/dlt-mod add https://example.org/notes --topic 优化"));

        Assert.Equal("Grokking modular arithmetic", added.Card.Title);
        Assert.Equal(2023, added.Card.Year);
        Assert.StartsWith("We present a simple neural network", added.Card.Description);
        Assert.Equal("Added arxiv:2301.02679 (title, year and note from arXiv)", added.Heading);
        Assert.Contains("title is missing", missing.Message);
    }

    [Fact]
    public async Task Edit_without_fields_opens_the_form_with_the_current_values_and_submitting_a_change_edits_it()
    {
        using var bot = await StartedAsync();

        var (defer, form) = await AnswerAsync(bot, Mod("edit", Options(("id", "arxiv:2210.01117")), ManageServer));
        Assert.Equal(DeferStyle.None, defer);
        Assert.Equal(InteractionCallbackType.Modal, form.Type);
        var values = Inputs(form).ToDictionary(i => i.CustomId!, i => i.Value ?? "");
        Assert.StartsWith("Omnigrok", values["title"]);

        values["title"] = "Omnigrok (edited)";
        var (_, edited) = await AnswerAsync(bot, Submit(form.Data!.CustomId!, values, ManageServer));

        Assert.Contains("Edited arxiv:2210.01117", edited.Data!.Embeds![0].Author!.Name);
        Assert.Equal("Omnigrok (edited)", edited.Data.Embeds[0].Title?.Split(". ").Last());
        var change = (await bot.Services.GetRequiredService<IEntryStore>().HistoryAsync(Place.Guild(838486034743296000, null).Key, new(), 0, 10, Ct)).Changes.Single();
        Assert.Equal("Omnigrok (edited)", change.After!.Title);
        Assert.Equal(change.Before!.Year, change.After.Year);
    }

    [Fact]
    public async Task An_edit_form_submitted_after_someone_else_edited_the_entry_overwrites_nothing()
    {
        using var bot = await StartedAsync();
        var (_, form) = await AnswerAsync(bot, Mod("edit", Options(("id", "arxiv:2210.01117")), ManageServer));
        await AnswerAsync(bot, Mod("edit", Options(("id", "arxiv:2210.01117"), ("year", "2021")), ManageServer, user: Bob));

        var values = Inputs(form).ToDictionary(i => i.CustomId!, i => i.Value ?? "");
        values["title"] = "Mine";
        var (_, meanwhile) = await AnswerAsync(bot, Submit(form.Data!.CustomId!, values, ManageServer));

        Assert.Contains("changed meanwhile", meanwhile.Data!.Content);
        var entry = await bot.Services.GetRequiredService<IEntryStore>().GetEntryAsync(Place.Guild(838486034743296000, null).Key, "arxiv:2210.01117", Ct);
        Assert.Equal(2021, entry!.Fields.Year);
        Assert.NotEqual("Mine", entry.Fields.Title);
    }

    [Fact]
    public async Task An_edit_form_submitted_unchanged_says_so()
    {
        using var bot = await StartedAsync();
        var (_, form) = await AnswerAsync(bot, Mod("edit", Options(("id", "arxiv:2210.01117")), ManageServer));

        var (_, same) = await AnswerAsync(bot, Submit(form.Data!.CustomId!, Inputs(form).ToDictionary(i => i.CustomId!, i => i.Value ?? ""), ManageServer));

        Assert.Contains("nothing changed", same.Data!.Content);
    }

    [Fact]
    public async Task History_pages_with_buttons_and_filters_by_user()
    {
        using var bot = await StartedAsync();
        for (var i = 0; i < HistoryCommand.PageSize + 2; i++)
        {
            var who = i % 2 == 0 ? Alice : Bob;
            await AnswerAsync(bot, Mod("add", Options(("url", $"https://example.org/n{i}"), ("title", $"Note {i}"), ("topic", "Overview")), ManageServer, user: who));
        }

        var (_, first) = await AnswerAsync(bot, Mod("history", null, ManageServer));
        Assert.Contains("Page 1 of 2", first.Data!.Embeds![0].Description);
        var buttons = Buttons(first).ToList();
        Assert.True(buttons[0].Disabled);
        Assert.Null(buttons[1].Disabled);

        var (_, second) = await AnswerAsync(bot, ModClick(buttons[1].CustomId!, ManageServer));
        Assert.Equal(InteractionCallbackType.UpdateMessage, second.Type);
        Assert.Contains("Page 2 of 2", second.Data!.Embeds![0].Description);
        Assert.Contains("example-org-n0", second.Data.Embeds[0].Description);

        var (_, bobs) = await AnswerAsync(bot, Mod("history", Options(("user", Bob.ToString(System.Globalization.CultureInfo.InvariantCulture))), ManageServer));
        Assert.Contains("(6)", bobs.Data!.Embeds![0].Title);
        Assert.DoesNotContain("user" + Alice, bobs.Data.Embeds[0].Description);
        Assert.Empty(Buttons(bobs));
    }
}
