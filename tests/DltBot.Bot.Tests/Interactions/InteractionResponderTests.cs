using System.Net;
using DltBot.Bot.Interactions;
using DltBot.Bot.Localization;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests.Interactions;

public sealed class InteractionResponderTests : IDisposable
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(10);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingRestClient _rest = new();
    private readonly RecordingSink _sink = new();
    private readonly ListLogger<InteractionResponder> _log = new();
    private readonly InteractionWorkers _workers;
    private readonly InteractionResponder _responder;

    public InteractionResponderTests()
    {
        var options = new DiscordBotOptions { DeferAfter = TimeSpan.FromMilliseconds(1500) };
        _workers = new InteractionWorkers(options);
        _responder = new InteractionResponder(_rest, _time, options, _workers, _log);
    }

    public void Dispose() => _workers.Dispose();

    /// <summary>A plan whose work runs synchronously when the responder starts it.</summary>
    private static InteractionPlan Plan(DeferStyle style, Language language, Func<InteractionResponse> work) =>
        new(style, language, _ => ValueTask.FromResult(work()));

    private static InteractionResponse Card(string title) =>
        InteractionResponse.Message(new MessageCallback { Embeds = [new Embed { Title = title }] });

    [Fact]
    public async Task A_fast_command_is_answered_once_with_its_result_and_never_deferred()
    {
        await _responder.RespondAsync(TestInteractions.Slash("help"), Plan(DeferStyle.Message, Language.English, () => Card("done")), _sink, Ct)
            .WaitAsync(Safety, Ct);

        var only = Assert.Single(_sink.Sent);
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, only.Type);
        Assert.Empty(_rest.Edits);
    }

    [Fact]
    public async Task A_slow_command_is_deferred_at_the_threshold_then_the_original_is_edited()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new ManualResetEventSlim();
        var plan = Plan(DeferStyle.Message, Language.English, () =>
        {
            started.SetResult();
            release.Wait(Safety, Ct);
            return Card("slow result");
        });

        var answering = _responder.RespondAsync(TestInteractions.Slash("search"), plan, _sink, Ct);
        await started.Task.WaitAsync(Safety, Ct);
        _time.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.Empty(_sink.Sent);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var deferral = await _sink.First.WaitAsync(Safety, Ct);
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, deferral.Type);
        Assert.Empty(_rest.Edits);

        release.Set();
        await answering.WaitAsync(Safety, Ct);
        Assert.Single(_sink.Sent); // exactly one acknowledgment
        Assert.Equal("slow result", Assert.Single(_rest.Edits).Embeds![0].Title);
    }

    [Theory]
    [InlineData(DeferStyle.Update, InteractionCallbackType.DeferredUpdateMessage, false)]
    [InlineData(DeferStyle.EphemeralMessage, InteractionCallbackType.DeferredChannelMessageWithSource, true)]
    public async Task Slow_clicks_defer_in_the_shape_of_their_answer(DeferStyle style, InteractionCallbackType expected, bool ephemeral)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new ManualResetEventSlim();
        var answering = _responder.RespondAsync(TestInteractions.Click("x"), Plan(style, Language.English, () =>
        {
            started.SetResult();
            release.Wait(Safety, Ct);
            return Card("page 2");
        }), _sink, Ct);

        await started.Task.WaitAsync(Safety, Ct);
        _time.Advance(TimeSpan.FromSeconds(2));
        var deferral = await _sink.First.WaitAsync(Safety, Ct);
        release.Set();
        await answering.WaitAsync(Safety, Ct);

        Assert.Equal(expected, deferral.Type);
        Assert.Equal(ephemeral, deferral.Data?.Flags == MessageFlags.Ephemeral);
        Assert.Single(_rest.Edits);
    }

    [Fact]
    public async Task A_failing_command_gets_an_ephemeral_apology_with_the_reference_that_is_logged()
    {
        var interaction = TestInteractions.Slash("search", locale: "zh-CN");
        await _responder.RespondAsync(interaction, Plan(DeferStyle.Message, Language.Chinese, () => throw new InvalidOperationException("index broke")), _sink, Ct)
            .WaitAsync(Safety, Ct);

        var apology = Assert.Single(_sink.Sent);
        var reference = InteractionResponder.ReferenceOf(interaction);
        Assert.Equal(MessageFlags.Ephemeral, apology.Data!.Flags);
        Assert.Contains(reference, apology.Data.Content);
        Assert.Contains("抱歉", apology.Data.Content);
        Assert.Contains(_log.Lines, l => l.Level == LogLevel.Error && l.Message.Contains(reference) && l.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task A_failure_after_deferring_edits_the_original_with_the_apology_and_never_acks_twice()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new ManualResetEventSlim();
        var interaction = TestInteractions.Slash("search");
        var answering = _responder.RespondAsync(interaction, Plan(DeferStyle.Message, Language.English, () =>
        {
            started.SetResult();
            release.Wait(Safety, Ct);
            throw new InvalidOperationException("late failure");
        }), _sink, Ct);

        await started.Task.WaitAsync(Safety, Ct);
        _time.Advance(TimeSpan.FromSeconds(2));
        await _sink.First.WaitAsync(Safety, Ct);
        release.Set();
        await answering.WaitAsync(Safety, Ct);

        Assert.Single(_sink.Sent);
        Assert.Contains(InteractionResponder.ReferenceOf(interaction), Assert.Single(_rest.Edits).Content);
    }

    [Fact]
    public async Task A_response_over_Discord_limits_becomes_an_apology_instead_of_a_400()
    {
        var tooLong = InteractionResponse.Message(new MessageCallback { Embeds = [new Embed { Title = new string('t', 300) }] });
        await _responder.RespondAsync(TestInteractions.Slash("show"), Plan(DeferStyle.Message, Language.English, () => tooLong), _sink, Ct)
            .WaitAsync(Safety, Ct);

        Assert.Contains("Sorry", Assert.Single(_sink.Sent).Data!.Content);
    }

    [Theory]
    [InlineData(DiscordRestException.AlreadyAcknowledgedCode, "another instance answered first")]
    [InlineData(DiscordRestException.UnknownInteractionCode, "expired")]
    public async Task A_refused_acknowledgment_is_logged_once_and_nothing_else_is_sent(int code, string logged)
    {
        _sink.FailWith = new DiscordRestException("POST /interactions/{id}/{token}/callback", HttpStatusCode.BadRequest, code, "refused");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answering = _responder.RespondAsync(TestInteractions.Slash("search"), Plan(DeferStyle.Message, Language.English, () =>
        {
            started.SetResult();
            return Card("unused");
        }), _sink, Ct);

        await answering.WaitAsync(Safety, Ct);

        Assert.Single(_sink.Sent);
        Assert.Empty(_rest.Edits);
        Assert.Single(_log.Lines, l => l.Message.Contains(logged));
    }

    [Fact]
    public async Task Autocomplete_is_never_deferred_and_a_failure_offers_no_choices()
    {
        await _responder.RespondAsync(TestInteractions.Autocomplete("show", "id", "gro"),
            Plan(DeferStyle.None, Language.English, () => throw new InvalidOperationException("no index")), _sink, Ct).WaitAsync(Safety, Ct);

        var only = Assert.Single(_sink.Sent);
        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, only.Type);
        Assert.Empty(only.Data!.Choices!);
    }
}
