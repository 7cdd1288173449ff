using DltBot.Bot.Tests.Fakes;
using DltBot.Discord.Models;
using DltBot.FakeDiscord;
using static DltBot.Bot.Tests.Interactions.TestInteractions;

namespace DltBot.Bot.Tests.EndToEnd;

/// <summary>
/// <c>/dlt-mod</c> through the real bot and the fake Discord on 127.0.0.1, with a fake arXiv where it looks papers up:
/// remove and restore, the export as an attachment, and arXiv autofill when arXiv answers, fails or limits the rate.
/// </summary>
public sealed class CurationEndToEndTests : IAsyncLifetime
{
    private const string ManageServer = "32";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "dltbot-e2e-" + Guid.NewGuid().ToString("N"));
    private FakeDiscordServer _fake = null!;
    private FakeArxiv _arxiv = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _fake = await FakeDiscordServer.StartAsync(cancellationToken: Ct);
        _arxiv = await FakeArxiv.StartAsync(TimeProvider.System, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _arxiv.DisposeAsync();
        await _fake.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private async Task<BotUnderTest> StartAsync()
    {
        var bot = await BotUnderTest.StartAsync(_fake, _data, settings: new Dictionary<string, string?> { ["Arxiv:ApiBaseUrl"] = _arxiv.ApiUrl });
        await _fake.Gateway.WaitForIdentifyAsync(cancellationToken: Ct).WaitAsync(BotUnderTest.Safety, Ct);
        return bot;
    }

    private Task<Answer> AnswerAsync(Interaction interaction) => BotUnderTest.AnswerAsync(_fake, interaction, Ct);

    private async Task<string> SearchAsync(string query) =>
        (await AnswerAsync(Slash("search", new Dictionary<string, string> { ["query"] = query }))).Response.Data!.Embeds![0].Description ?? "";

    [Fact]
    public async Task A_removed_entry_disappears_from_search_and_comes_back_when_restored()
    {
        await using var bot = await StartAsync();
        Assert.Contains("Omnigrok", await SearchAsync("omnigrok"));

        var removed = (await AnswerAsync(Mod("remove", new Dictionary<string, string> { ["id"] = "arxiv:2210.01117", ["reason"] = "duplicate" }, ManageServer))).Response;
        Assert.Equal(MessageFlags.Ephemeral, removed.Data!.Flags);
        Assert.DoesNotContain("Omnigrok", await SearchAsync("omnigrok"));

        var restored = (await AnswerAsync(Mod("restore", new Dictionary<string, string> { ["id"] = "arxiv:2210.01117" }, ManageServer))).Response;
        Assert.Equal(MessageFlags.Ephemeral, restored.Data!.Flags);
        Assert.Contains("Omnigrok", await SearchAsync("omnigrok"));
    }

    [Fact]
    public async Task The_export_arrives_as_an_attachment_that_holds_the_servers_changes()
    {
        await using var bot = await StartAsync();
        await AnswerAsync(Mod("add", new Dictionary<string, string>
        {
            ["url"] = "https://example.org/reading-group/notes", ["title"] = "Reading group notes on grokking", ["topic"] = "Others",
        }, ManageServer));

        var export = await AnswerAsync(Mod("export", new Dictionary<string, string> { ["format"] = "markdown" }, ManageServer));

        var file = Assert.Single(export.Files);
        Assert.Equal("files[0]", file.PartName);
        Assert.EndsWith(".md", file.FileName, StringComparison.Ordinal);
        Assert.Contains("[Reading group notes on grokking](https://example.org/reading-group/notes)", file.Text);
        Assert.Contains("Omnigrok", file.Text);
    }

    [Fact]
    public async Task An_arxiv_link_is_filled_in_from_arxiv_and_added_when_the_moderator_confirms()
    {
        _arxiv.Serve("2405.01234", new FakeArxivAnswer.Paper("Grokking modular\n  arithmetic", ["Andrey Gromov"], "2023-01-06T18:43:35Z",
            "We present a simple neural network that can learn\n  modular arithmetic tasks."));
        await using var bot = await StartAsync();

        var preview = (await AnswerAsync(Mod("add", new Dictionary<string, string> { ["url"] = "https://arxiv.org/abs/2405.01234", ["topic"] = "Others" }, ManageServer))).Response;
        Assert.Equal("Grokking modular arithmetic", preview.Data!.Embeds![0].Title);
        Assert.Contains("Andrey Gromov", preview.Data.Embeds[0].Description);
        var confirm = preview.Data.Components![0].Components![0].CustomId!;

        var added = (await AnswerAsync(ModClick(confirm, ManageServer))).Response;

        Assert.Equal(InteractionCallbackType.UpdateMessage, added.Type);
        Assert.Contains("Added arxiv:2405.01234", added.Data!.Embeds![0].Author!.Name);
        Assert.Contains("Grokking modular arithmetic", await SearchAsync("grokking modular arithmetic"));
        Assert.Single(_arxiv.Requests);
    }

    public static TheoryData<string, string> Failures => new() { { "503", "503" }, { "rate", "Rate exceeded." } };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task When_arxiv_fails_the_moderator_is_told_why_and_offered_the_form(string failure, string expected)
    {
        _arxiv.Serve("2405.01234", failure == "503" ? new FakeArxivAnswer.Status(503) : new FakeArxivAnswer.RateExceeded());
        await using var bot = await StartAsync();

        var answer = (await AnswerAsync(Mod("add", new Dictionary<string, string> { ["url"] = "2405.01234", ["topic"] = "Others" }, ManageServer))).Response;
        Assert.Contains(expected, answer.Data!.Content);
        var openForm = answer.Data.Components![0].Components![0].CustomId!;

        var form = (await AnswerAsync(ModClick(openForm, ManageServer))).Response;

        Assert.Equal(InteractionCallbackType.Modal, form.Type);
        Assert.Contains("No matches", await SearchAsync("2405.01234"));
    }
}
