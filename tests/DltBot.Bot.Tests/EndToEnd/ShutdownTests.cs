using System.Net;
using DltBot.Bot.Interactions;
using DltBot.Bot.Tests.Fakes;
using DltBot.Bot.Tests.Interactions;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using DltBot.Discord.Models;
using DltBot.FakeDiscord;
using Microsoft.Extensions.DependencyInjection;

namespace DltBot.Bot.Tests.EndToEnd;

/// <summary>Stopping the real bot (as SIGTERM does) while a deferred command is still working.</summary>
public sealed class ShutdownTests : IAsyncLifetime
{
    private static readonly TimeSpan Safety = BotUnderTest.Safety;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "dltbot-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly PooledTimerClock _time = new(DateTimeOffset.UtcNow);
    private readonly SearchGate _gate = new();
    private readonly CapturingLoggerProvider _logs = new();
    private FakeDiscordServer _fake = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _fake = await FakeDiscordServer.StartAsync(cancellationToken: Ct);

    public async ValueTask DisposeAsync()
    {
        _gate.Release();
        await _fake.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private Task<BotUnderTest> StartAsync(string mode = "Gateway", string? publicKey = null) =>
        BotUnderTest.StartAsync(_fake, _data, mode, publicKey, logs: _logs,
            settings: new Dictionary<string, string?> { ["Logging:LogLevel:DltBot.Bot.Interactions.InteractionDispatcher"] = "Information" }, services: s =>
        {
            s.AddSingleton<TimeProvider>(_time);
            Func<ReadingList, ICatalogSearch> gated = list => new GatedSearch(new DiscordFakeSearch(list), _gate);
            s.AddSingleton(gated);
        });

    private static Interaction SlowSearch() => TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = "grokking" });

    /// <summary>Sends a search over the gateway, lets it be deferred on the fake clock, and returns the pending edit.</summary>
    private async Task<Task<RecordedRequest>> DeferredSearchAsync(Interaction interaction)
    {
        await _fake.Gateway.WaitForIdentifyAsync(cancellationToken: Ct).WaitAsync(Safety, Ct);
        var callback = _fake.Rest.WaitForCallbackAsync(interaction.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct);
        var edit = _fake.Rest.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains(interaction.Token, StringComparison.Ordinal), Ct);
        await _fake.Gateway.SendInteractionAsync(BotUnderTest.Json(interaction), Ct);
        await _gate.Entered.WaitAsync(Safety, Ct);
        _time.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, BotUnderTest.Callback(await callback.WaitAsync(Safety, Ct)).Type);
        return edit;
    }

    private Task<string> Draining() => _logs.WaitForAsync(l => l.Contains("Shutting down: waiting", StringComparison.Ordinal));

    [Fact]
    public async Task A_deferred_command_still_sends_its_edit_when_the_host_stops_while_it_works()
    {
        await using var bot = await StartAsync();
        var interaction = SlowSearch();
        var edit = await DeferredSearchAsync(interaction);

        var run = bot.BeginStop();
        await Draining().WaitAsync(Safety, Ct);
        Assert.False(run.IsCompleted);
        _gate.Release();

        Assert.Contains("Grokking", (await edit.WaitAsync(Safety, Ct)).Body);
        Assert.Equal(0, await run.WaitAsync(Safety, Ct));
        Assert.DoesNotContain(_logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains(interaction.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_command_that_outlives_the_drain_timeout_is_logged_with_its_id_and_what_it_was()
    {
        await using var bot = await StartAsync();
        var interaction = SlowSearch();
        await DeferredSearchAsync(interaction);

        var run = bot.BeginStop();
        await Draining().WaitAsync(Safety, Ct);
        _time.Advance(TimeSpan.FromSeconds(10)); // Discord:DrainTimeout's default

        var warning = await _logs.WaitForAsync(l => l.Contains("given up", StringComparison.Ordinal)).WaitAsync(Safety, Ct);
        Assert.Equal(0, await run.WaitAsync(Safety, Ct));
        Assert.StartsWith("Warning", warning);
        Assert.Contains(interaction.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), warning);
        Assert.Contains("/dlt search", warning);
    }

    [Fact]
    public async Task Http_mode_answers_new_interactions_503_while_draining_and_still_finishes_the_one_in_progress()
    {
        using var signer = FakeInteractionSigner.Create();
        await using var bot = await StartAsync("Http", signer.PublicKeyHex);
        var endpoint = new Uri(bot.Address, DiscordBotApp.InteractionsPath);
        using var http = new HttpClient();

        var slow = SlowSearch();
        var edit = _fake.Rest.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains(slow.Token, StringComparison.Ordinal), Ct);
        var posting = http.SendAsync(signer.CreateRequest(endpoint, BotUnderTest.Json(slow), DateTimeOffset.UtcNow), Ct);
        await _gate.Entered.WaitAsync(Safety, Ct);
        _time.Advance(TimeSpan.FromMilliseconds(1500));
        var deferred = await posting.WaitAsync(Safety, Ct);
        Assert.StartsWith("""{"type":5""", await deferred.Content.ReadAsStringAsync(Ct));

        var run = bot.BeginStop();
        await Draining().WaitAsync(Safety, Ct);
        var late = await http.SendAsync(signer.CreateRequest(endpoint, BotUnderTest.Json(TestInteractions.Slash("help")), DateTimeOffset.UtcNow), Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, late.StatusCode);

        _gate.Release();
        Assert.Contains("Grokking", (await edit.WaitAsync(Safety, Ct)).Body);
        Assert.Equal(0, await run.WaitAsync(Safety, Ct));
    }
}
