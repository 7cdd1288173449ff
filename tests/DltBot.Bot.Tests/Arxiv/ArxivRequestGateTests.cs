using DltBot.Bot.Arxiv;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests.Arxiv;

public sealed class ArxivRequestGateTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_request_goes_at_once_and_the_next_waits_three_seconds_from_its_start()
    {
        var time = new FakeTimeProvider();
        var gate = new ArxivRequestGate(time);
        var starts = new List<DateTimeOffset>();
        Task<int> Record() { starts.Add(time.GetUtcNow()); return Task.FromResult(0); }

        await gate.RunAsync(_ => Record(), Token);
        time.Advance(TimeSpan.FromSeconds(1));
        var second = gate.RunAsync(_ => Record(), Token);
        time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));
        await second.WaitAsync(Token);

        Assert.Equal(TimeSpan.FromSeconds(3), starts[1] - starts[0]);
    }

    [Fact]
    public async Task A_request_long_after_the_last_does_not_wait()
    {
        var time = new FakeTimeProvider();
        var gate = new ArxivRequestGate(time);
        await gate.RunAsync(_ => Task.FromResult(1), Token);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(gate.RunAsync(_ => Task.FromResult(2), Token).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_caller_that_gives_up_while_queued_does_not_let_later_ones_jump_the_line()
    {
        var time = new FakeTimeProvider();
        var gate = new ArxivRequestGate(time);
        var running = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = gate.RunAsync(_ => running.Task, Token);
        using var giveUp = new CancellationTokenSource();
        var second = gate.RunAsync(_ => Task.FromResult(2), giveUp.Token);
        var third = gate.RunAsync(_ => Task.FromResult(3), Token);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(third.IsCompleted); // the first is still running: one request at a time

        running.SetResult(1);
        Assert.Equal(1, await first.WaitAsync(Token));
        Assert.Equal(3, await third.WaitAsync(Token));
    }
}
