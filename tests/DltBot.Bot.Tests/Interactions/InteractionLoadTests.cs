using DltBot.Bot.Interactions;
using DltBot.Bot.Localization;
using DltBot.Discord.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests.Interactions;

/// <summary>
/// The responder under load: command work runs on its own bounded workers, so the deferral timer and the light answers
/// (PING, autocomplete) never wait behind it, and what does not fit is told "busy" at once.
/// </summary>
public sealed class InteractionLoadTests : IDisposable
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(10);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingRestClient _rest = new();
    private readonly ListLogger<InteractionResponder> _log = new();
    private readonly ManualResetEventSlim _release = new();
    private readonly InteractionWorkers _workers;
    private readonly InteractionResponder _responder;

    public InteractionLoadTests()
    {
        var options = new DiscordBotOptions { DeferAfter = TimeSpan.FromMilliseconds(1500), MaxConcurrentCommands = 2, MaxQueuedCommands = 1 };
        _workers = new InteractionWorkers(options, autocompleteWorkers: 1, autocompleteQueue: 0);
        _responder = new InteractionResponder(_rest, _time, options, _workers, _log);
    }

    public void Dispose()
    {
        _release.Set();
        _workers.Dispose();
    }

    private sealed record Running(Task Answering, RecordingSink Sink, Task Started, Func<bool> OnPool);

    /// <summary>A command whose work blocks its thread until the test releases it, like a CPU-bound handler.</summary>
    private Running StartBlockedCommand(string locale = "en-US")
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var onPool = true;
        var sink = new RecordingSink();
        var plan = new InteractionPlan(DeferStyle.Message, Languages.FromLocale(locale), _ =>
        {
            onPool = Thread.CurrentThread.IsThreadPoolThread;
            started.TrySetResult();
            _release.Wait(Safety, Ct);
            return ValueTask.FromResult(InteractionResponse.Message(new MessageCallback { Content = "done" }));
        });
        var answering = _responder.RespondAsync(TestInteractions.Slash("show", locale: locale), plan, sink, Ct);
        return new Running(answering, sink, started.Task, () => onPool);
    }

    [Fact]
    public async Task Commands_run_outside_the_thread_pool_and_are_deferred_on_time_while_every_worker_is_blocked()
    {
        var first = StartBlockedCommand();
        var second = StartBlockedCommand();
        var queued = StartBlockedCommand(); // waits for a worker: both are taken
        await Task.WhenAll(first.Started, second.Started).WaitAsync(Safety, Ct);
        Assert.False(first.OnPool() || second.OnPool());
        Assert.False(queued.Started.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1500));
        foreach (var running in new[] { first, second, queued })
            Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, (await running.Sink.First.WaitAsync(Safety, Ct)).Type);

        _release.Set();
        await Task.WhenAll(first.Answering, second.Answering, queued.Answering).WaitAsync(Safety, Ct);
        Assert.Equal(3, _rest.Edits.Count);
        Assert.All(new[] { first, second, queued }, r => Assert.Single(r.Sink.Sent));
    }

    [Theory]
    [InlineData("en-US", "DltBot is busy, please try again in a moment.")]
    [InlineData("zh-CN", "DltBot 正忙，请稍后再试。")]
    public async Task A_command_beyond_the_workers_and_the_queue_gets_an_ephemeral_busy_reply_at_once(string locale, string expected)
    {
        var running = new[] { StartBlockedCommand(), StartBlockedCommand(), StartBlockedCommand() }; // 2 workers + 1 queued
        await Task.WhenAll(running[0].Started, running[1].Started).WaitAsync(Safety, Ct);

        var refused = StartBlockedCommand(locale);
        await refused.Answering.WaitAsync(Safety, Ct); // no clock moved: answered without waiting for anything

        var busy = Assert.Single(refused.Sink.Sent);
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, busy.Type);
        Assert.Equal(MessageFlags.Ephemeral, busy.Data!.Flags);
        Assert.Equal(expected, busy.Data.Content);
        Assert.False(refused.Started.IsCompleted);
        Assert.Contains(_log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("busy", StringComparison.Ordinal));
        Assert.All(running, r => Assert.Empty(r.Sink.Sent));
    }

    [Fact]
    public async Task Ping_and_autocomplete_are_answered_while_commands_fill_every_worker_and_the_queue()
    {
        var running = new[] { StartBlockedCommand(), StartBlockedCommand(), StartBlockedCommand() };
        await Task.WhenAll(running[0].Started, running[1].Started).WaitAsync(Safety, Ct);

        var pingSink = new RecordingSink();
        var ping = TestInteractions.Slash("help") with { Type = InteractionType.Ping, Data = null };
        await _responder.RespondAsync(ping, InteractionPlan.Immediate(Language.English, InteractionResponse.Pong()), pingSink, Ct).WaitAsync(Safety, Ct);
        Assert.Equal(InteractionCallbackType.Pong, Assert.Single(pingSink.Sent).Type);

        var completeSink = new RecordingSink();
        var choices = InteractionResponse.Autocomplete([new ApplicationCommandOptionChoice { Name = "Grokking", Value = "arxiv:2201.02177" }]);
        await _responder.RespondAsync(TestInteractions.Autocomplete("show", "id", "grok"),
            new InteractionPlan(DeferStyle.None, Language.English, _ => ValueTask.FromResult(choices)), completeSink, Ct).WaitAsync(Safety, Ct);
        Assert.Equal("Grokking", Assert.Single(Assert.Single(completeSink.Sent).Data!.Choices!).Name);

        Assert.All(running, r => Assert.Empty(r.Sink.Sent));
    }

    [Fact]
    public async Task Autocomplete_beyond_its_workers_gets_an_empty_list_at_once_instead_of_waiting()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowSink = new RecordingSink();
        var slow = _responder.RespondAsync(TestInteractions.Autocomplete("show", "id", "gro"), new InteractionPlan(DeferStyle.None, Language.English, _ =>
        {
            started.TrySetResult();
            _release.Wait(Safety, Ct);
            return ValueTask.FromResult(InteractionResponse.Autocomplete([new ApplicationCommandOptionChoice { Name = "Grokking", Value = "arxiv:2201.02177" }]));
        }), slowSink, Ct);
        await started.Task.WaitAsync(Safety, Ct);

        var shedSink = new RecordingSink();
        var worked = false;
        await _responder.RespondAsync(TestInteractions.Autocomplete("show", "id", "grok"), new InteractionPlan(DeferStyle.None, Language.English, _ =>
        {
            worked = true;
            return ValueTask.FromResult(InteractionResponse.Autocomplete([]));
        }), shedSink, Ct).WaitAsync(Safety, Ct);

        var shed = Assert.Single(shedSink.Sent);
        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, shed.Type);
        Assert.Empty(shed.Data!.Choices!);
        Assert.False(worked);

        _release.Set();
        await slow.WaitAsync(Safety, Ct);
        Assert.Single(Assert.Single(slowSink.Sent).Data!.Choices!);
    }
}
