using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text;
using DltBot.Bot.Interactions;
using DltBot.Bot.Tests.Fakes;
using DltBot.Bot.Tests.Interactions;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using DltBot.Discord.Models;
using DltBot.FakeDiscord;
using Microsoft.Extensions.DependencyInjection;

namespace DltBot.Bot.Tests.EndToEnd;

/// <summary>The bot end to end against the fake Discord on loopback: nothing sleeps, nothing leaves 127.0.0.1.</summary>
public sealed class DiscordEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Safety = BotUnderTest.Safety;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "dltbot-e2e-" + Guid.NewGuid().ToString("N"));
    private FakeDiscordServer _fake = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _fake = await FakeDiscordServer.StartAsync(cancellationToken: Ct);

    public async ValueTask DisposeAsync()
    {
        await _fake.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private async Task<InteractionResponse> SendAndAwaitCallbackAsync(Interaction interaction) =>
        (await BotUnderTest.AnswerAsync(_fake, interaction, Ct)).Response;

    private int CommandOverwrites() => _fake.Rest.Requests.Count(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal));

    [Fact]
    public async Task Gateway_mode_registers_commands_once_and_answers_search_autocomplete_paging_and_Chinese()
    {
        await using (var bot = await BotUnderTest.StartAsync(_fake, _data))
        {
            Assert.Equal(RegistrationOutcome.Overwritten, await bot.Services.GetRequiredService<CommandRegistration>().Completion.WaitAsync(Safety, Ct));
            await _fake.Rest.WaitForRequestAsync(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal), Ct).WaitAsync(Safety, Ct);
            Assert.Contains("\"dlt\"", _fake.Rest.GetCommandsJson());
            await _fake.Gateway.WaitForIdentifyAsync(cancellationToken: Ct).WaitAsync(Safety, Ct);

            var search = await SendAndAwaitCallbackAsync(TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = "grokking" }));
            Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, search.Type);
            var embed = search.Data!.Embeds![0];
            Assert.Contains("Omnigrok: Grokking Beyond Algorithmic Data", embed.Description);
            Assert.Contains("Progress measures for grokking", embed.Description);

            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(bot.Address, DiscordBotApp.HealthPath), Ct)).StatusCode);

            var complete = await SendAndAwaitCallbackAsync(TestInteractions.Autocomplete("show", "id", "grok"));
            Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, complete.Type);
            Assert.NotEmpty(complete.Data!.Choices!);

            var chinese = await SendAndAwaitCallbackAsync(TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = "grokking" }, locale: "zh-CN"));
            Assert.StartsWith("搜索", chinese.Data!.Embeds![0].Title);

            // The topics listing has more than one page only for big topics; paging is proven on a search with many hits.
            var many = await SendAndAwaitCallbackAsync(TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = "learning" }));
            var next = many.Data!.Components![0].Components![1];
            var page2 = await SendAndAwaitCallbackAsync(TestInteractions.Click(next.CustomId!));
            Assert.Equal(InteractionCallbackType.UpdateMessage, page2.Type);
            Assert.Contains("Page 2 of", page2.Data!.Embeds![0].Footer!.Text);
        }

        // Same definitions on the next start: Discord is asked, nothing is overwritten.
        await using (var again = await BotUnderTest.StartAsync(_fake, _data))
        {
            Assert.Equal(RegistrationOutcome.Unchanged, await again.Services.GetRequiredService<CommandRegistration>().Completion.WaitAsync(Safety, Ct));
            Assert.Equal(1, CommandOverwrites());
        }
    }

    [Fact]
    public async Task A_moderator_adds_an_entry_a_member_is_refused_and_after_a_restart_the_entry_is_still_found()
    {
        var options = new Dictionary<string, string>
        {
            ["url"] = "https://example.org/reading-group/notes", ["title"] = "Reading group notes on grokking", ["topic"] = "Others",
        };
        await using (var bot = await BotUnderTest.StartAsync(_fake, _data))
        {
            await _fake.Gateway.WaitForIdentifyAsync(cancellationToken: Ct).WaitAsync(Safety, Ct);
            Assert.Contains("\"dlt-mod\"", await WaitForCommandsJsonAsync());

            var refused = await SendAndAwaitCallbackAsync(TestInteractions.Mod("add", options, permissions: "0", user: TestInteractions.Bob));
            Assert.Equal(MessageFlags.Ephemeral, refused.Data!.Flags);
            Assert.Contains("for moderators", refused.Data.Content);

            var added = await SendAndAwaitCallbackAsync(TestInteractions.Mod("add", options, permissions: "32"));
            Assert.Equal(MessageFlags.Ephemeral, added.Data!.Flags);
            Assert.Contains("Reading group notes on grokking", added.Data.Embeds![0].Title);

            var found = await SendAndAwaitCallbackAsync(TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = "reading group notes" }));
            Assert.Contains("Reading group notes on grokking", found.Data!.Embeds![0].Description);
        }

        await using (var restarted = await BotUnderTest.StartAsync(_fake, _data))
        {
            await _fake.Gateway.WaitForIdentifyAsync(occurrence: 2, cancellationToken: Ct).WaitAsync(Safety, Ct);
            var found = await SendAndAwaitCallbackAsync(TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = "reading group notes" }));
            Assert.Contains("Reading group notes on grokking", found.Data!.Embeds![0].Description);
        }
    }

    private async Task<string> WaitForCommandsJsonAsync()
    {
        await _fake.Rest.WaitForRequestAsync(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal), Ct).WaitAsync(Safety, Ct);
        return _fake.Rest.GetCommandsJson();
    }

    [Fact]
    public async Task A_dropped_gateway_resumes_and_the_next_interaction_is_still_answered()
    {
        await using var bot = await BotUnderTest.StartAsync(_fake, _data);
        await _fake.Gateway.WaitForIdentifyAsync(cancellationToken: Ct).WaitAsync(Safety, Ct);
        await SendAndAwaitCallbackAsync(TestInteractions.Slash("help"));

        await _fake.Gateway.DropConnectionAsync();
        await _fake.Gateway.WaitForResumeAsync(cancellationToken: Ct).WaitAsync(Safety, Ct);

        var after = await SendAndAwaitCallbackAsync(TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = "grokking" }));
        Assert.Contains("Grokking", after.Data!.Embeds![0].Description);
        Assert.Equal(1, _fake.Gateway.ReceivedFrames.Count(f => f.Op == 2)); // resumed, not re-identified
    }

    [Fact]
    public async Task A_slow_command_is_deferred_on_the_fake_clock_then_the_original_is_edited()
    {
        var time = new PooledTimerClock(DateTimeOffset.UtcNow);
        var gate = new SearchGate();
        await using var bot = await BotUnderTest.StartAsync(_fake, _data, services: s =>
        {
            s.AddSingleton<TimeProvider>(time);
            Func<ReadingList, ICatalogSearch> gated = list => new GatedSearch(new DiscordFakeSearch(list), gate);
            s.AddSingleton(gated);
        });
        await _fake.Gateway.WaitForIdentifyAsync(cancellationToken: Ct).WaitAsync(Safety, Ct);

        var interaction = TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = "grokking" });
        var callback = _fake.Rest.WaitForCallbackAsync(interaction.Id.ToString(CultureInfo.InvariantCulture), Ct);
        var edit = _fake.Rest.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains(interaction.Token, StringComparison.Ordinal), Ct);
        await _fake.Gateway.SendInteractionAsync(BotUnderTest.Json(interaction), Ct);

        await gate.Entered.WaitAsync(Safety, Ct);
        time.Advance(TimeSpan.FromMilliseconds(1500));
        var deferral = BotUnderTest.Callback(await callback.WaitAsync(Safety, Ct));
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, deferral.Type);

        gate.Release();
        var edited = await edit.WaitAsync(Safety, Ct);
        Assert.Contains("Grokking", edited.Body);
        Assert.Single(_fake.Rest.GetCallbacks(interaction.Id.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Http_mode_answers_a_signed_ping_and_a_command_and_rejects_a_bad_signature()
    {
        using var signer = FakeInteractionSigner.Create();
        await using var bot = await BotUnderTest.StartAsync(_fake, _data, mode: "Http", publicKey: signer.PublicKeyHex);
        var endpoint = new Uri(bot.Address, DiscordBotApp.InteractionsPath);
        using var http = new HttpClient();

        var ping = await http.SendAsync(signer.CreateRequest(endpoint, """{"type":1,"id":"1","application_id":"1","token":"t","version":1}""", DateTimeOffset.UtcNow), Ct);
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal("""{"type":1}""", await ping.Content.ReadAsStringAsync(Ct));

        var command = TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = "grokking" });
        var edit = _fake.Rest.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains(command.Token, StringComparison.Ordinal), Ct);
        var search = await http.SendAsync(signer.CreateRequest(endpoint, BotUnderTest.Json(command), DateTimeOffset.UtcNow), Ct);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        var inline = await search.Content.ReadAsStringAsync(Ct);
        // Answered inline, or (on a slow machine, index still building) deferred inline and finished by an edit.
        var answer = inline.StartsWith("""{"type":5""", StringComparison.Ordinal) ? (await edit.WaitAsync(Safety, Ct)).Body : inline;
        Assert.Contains("Omnigrok", answer);

        var forged = signer.CreateRequest(endpoint, """{"type":1}""", DateTimeOffset.UtcNow);
        forged.Headers.Remove("X-Signature-Ed25519");
        forged.Headers.Add("X-Signature-Ed25519", new string('0', 128));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(forged, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(bot.Address, DiscordBotApp.HealthPath), Ct)).StatusCode);
    }

    [Fact]
    public async Task Neither_the_bot_token_nor_an_interaction_token_is_ever_logged()
    {
        var logs = new CapturingLoggerProvider();
        var interaction = TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = "grokking" });
        await using (var bot = await BotUnderTest.StartAsync(_fake, _data, logs: logs,
                         settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft"] = "Trace" }))
        {
            await _fake.Gateway.WaitForIdentifyAsync(cancellationToken: Ct).WaitAsync(Safety, Ct);
            await SendAndAwaitCallbackAsync(interaction);
        }

        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(BotUnderTest.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(interaction.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_callback_refused_with_40060_is_logged_as_answered_elsewhere_and_never_retried()
    {
        var logs = new CapturingLoggerProvider();
        await using var bot = await BotUnderTest.StartAsync(_fake, _data, logs: logs);
        await _fake.Gateway.WaitForIdentifyAsync(cancellationToken: Ct).WaitAsync(Safety, Ct);
        var interaction = TestInteractions.Slash("help");
        _fake.Rest.RejectCallback(interaction.Id.ToString(CultureInfo.InvariantCulture), CallbackRejection.AlreadyAcknowledged);

        await SendAndAwaitCallbackAsync(interaction);
        var logged = await logs.WaitForAsync(l => l.Contains("another instance answered first", StringComparison.Ordinal)).WaitAsync(Safety, Ct);
        await SendAndAwaitCallbackAsync(TestInteractions.Slash("about"));

        Assert.Contains(interaction.Id.ToString(CultureInfo.InvariantCulture), logged);
        Assert.Single(_fake.Rest.GetCallbacks(interaction.Id.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_malformed_gateway_interaction_is_ignored_with_one_warning_line_and_the_next_is_answered()
    {
        var logs = new CapturingLoggerProvider();
        await using var bot = await BotUnderTest.StartAsync(_fake, _data, logs: logs);
        await _fake.Gateway.WaitForIdentifyAsync(cancellationToken: Ct).WaitAsync(Safety, Ct);
        var valid = TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = "grokking" });
        var sub = valid.Data!.Options![0];
        var duplicated = valid with { Data = valid.Data with { Options = [sub with { Options = [.. sub.Options!, sub.Options![0]] }] } };

        await _fake.Gateway.SendInteractionAsync(BotUnderTest.Json(duplicated), Ct);
        var warning = await logs.WaitForAsync(l => l.Contains("is not a valid interaction", StringComparison.Ordinal)).WaitAsync(Safety, Ct);
        var next = await SendAndAwaitCallbackAsync(TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = "grokking" }));

        Assert.StartsWith("Warning", warning);
        Assert.Contains("duplicate option name 'query'", warning);
        Assert.DoesNotContain("Exception", warning);
        Assert.Single(logs.Lines, l => l.Contains("is not a valid interaction", StringComparison.Ordinal));
        Assert.Contains("Grokking", next.Data!.Embeds![0].Description);
    }

    [Fact]
    public async Task A_second_instance_on_the_same_data_directory_refuses_to_start()
    {
        await using var first = await BotUnderTest.StartAsync(_fake, _data);

        var (run, stop, _, error) = BotUnderTest.Launch(_fake, _data);
        using (stop)
        {
            Assert.Equal(1, await run.WaitAsync(Safety, Ct));
        }
        Assert.Contains("Another DltBot instance", error.ToString());
    }

    [Fact]
    public async Task A_rejected_token_ends_the_process_with_exit_1_and_says_what_to_fix()
    {
        var bot = await BotUnderTest.StartAsync(_fake, _data);
        await using (bot)
        {
            await _fake.Gateway.WaitForIdentifyAsync(cancellationToken: Ct).WaitAsync(Safety, Ct);
            await _fake.Gateway.CloseAsync(4004, "Authentication failed.", cancellationToken: Ct);

            // A supervisor (systemd, Docker, Kubernetes) sees the exit instead of a process stuck answering 503.
            Assert.Equal(1, await bot.Run.WaitAsync(Safety, Ct));
        }
        Assert.Contains("4004", bot.Error.ToString());
        Assert.Contains("Discord:Token", bot.Error.ToString());
        Assert.DoesNotContain(BotUnderTest.Token, bot.Error.ToString());
    }

    [Fact]
    public async Task A_malformed_setting_stops_start_up_with_one_line_naming_the_key()
    {
        var (run, stop, _, error) = BotUnderTest.Launch(_fake, _data, settings: new Dictionary<string, string?> { ["Discord:ApplicationId"] = "not-an-id" });
        using (stop)
        {
            Assert.NotEqual(0, await run.WaitAsync(Safety, Ct));
        }
        Assert.StartsWith("Discord:ApplicationId", error.ToString().Trim());
        Assert.DoesNotContain(BotUnderTest.Token, error.ToString());
    }
}

/// <summary>Holds every search until released, so a test decides when the command finishes.</summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "ManualResetEventSlim only holds an OS handle once WaitHandle is read, which never happens here; a gate lives for one test.")]
internal sealed class SearchGate
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _release = new();

    public Task Entered => _entered.Task;

    public void Enter()
    {
        _entered.TrySetResult();
        _release.Wait(TimeSpan.FromSeconds(20));
    }

    public void Release() => _release.Set();
}

internal sealed class GatedSearch(ICatalogSearch inner, SearchGate gate) : ICatalogSearch
{
    public SearchResponse Search(SearchQuery query)
    {
        gate.Enter();
        return inner.Search(query);
    }

    public IReadOnlyList<Suggestion> Autocomplete(string prefix, int limit = 25, SuggestionKind? only = null) => inner.Autocomplete(prefix, limit, only);
}
