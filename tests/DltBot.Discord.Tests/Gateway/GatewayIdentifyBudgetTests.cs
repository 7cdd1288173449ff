using System.Text.Json;
using DltBot.Discord.Gateway;
using DltBot.Discord.Tests.Gateway.Fakes;

namespace DltBot.Discord.Tests.Gateway;

public sealed class GatewayIdentifyBudgetTests
{
    [Fact]
    public async Task Exhausted_budget_waits_until_reset_after_and_says_so()
    {
        var time = new ObservableFakeTimeProvider();
        var logger = new ListLogger<GatewayClient>();
        var budget = new GatewayIdentifyBudget(time, logger);
        budget.Update(new GatewaySessionStartLimit(1000, 0, TimeSpan.FromMinutes(30), 1));

        var turn = budget.WaitForTurnAsync(0, TestContext.Current.CancellationToken);
        await time.WaitForTimerAsync(TimeSpan.FromMinutes(30));
        Assert.False(turn.IsCompleted);
        Assert.Contains(logger.Lines, line => line.Contains("GatewayIdentifyBudgetExhausted", StringComparison.Ordinal)
            && line.Contains("waiting 00:30:00", StringComparison.Ordinal));

        time.Advance(TimeSpan.FromMinutes(30));
        await turn.WithTimeout();
        Assert.Equal(999, budget.Remaining);
    }

    [Fact]
    public async Task At_most_one_identify_per_five_seconds_per_concurrency_bucket()
    {
        var time = new ObservableFakeTimeProvider();
        var budget = new GatewayIdentifyBudget(time);
        budget.Update(new GatewaySessionStartLimit(1000, 10, TimeSpan.FromHours(1), 2));

        await budget.WaitForTurnAsync(0, TestContext.Current.CancellationToken);
        await budget.WaitForTurnAsync(1, TestContext.Current.CancellationToken); // other bucket: no wait
        time.Advance(TimeSpan.FromSeconds(2));
        var sameBucket = budget.WaitForTurnAsync(2, TestContext.Current.CancellationToken); // 2 % 2 == bucket 0

        await time.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        Assert.False(sameBucket.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(3));
        await sameBucket.WithTimeout();
        Assert.Equal(7, budget.Remaining);
    }

    [Fact]
    public async Task A_waiting_bucket_does_not_hold_up_another_bucket()
    {
        var time = new ObservableFakeTimeProvider();
        var budget = new GatewayIdentifyBudget(time);
        budget.Update(new GatewaySessionStartLimit(1000, 10, TimeSpan.FromHours(1), 2));

        await budget.WaitForTurnAsync(0, TestContext.Current.CancellationToken);
        var two = budget.WaitForTurnAsync(2, TestContext.Current.CancellationToken); // bucket 0: waits 5 s
        await time.WaitForTimerAsync(GatewayIdentifyBudget.ConcurrencyWindow);
        await budget.WaitForTurnAsync(1, TestContext.Current.CancellationToken).WithTimeout(); // bucket 1: at once
        var three = budget.WaitForTurnAsync(3, TestContext.Current.CancellationToken); // bucket 1: waits 5 s
        await time.WaitForTimerAsync(GatewayIdentifyBudget.ConcurrencyWindow);
        Assert.False(two.IsCompleted);
        Assert.False(three.IsCompleted);

        time.Advance(GatewayIdentifyBudget.ConcurrencyWindow);
        await Task.WhenAll(two, three).WithTimeout();
        Assert.Equal(6, budget.Remaining);
    }

    [Fact]
    public async Task Expected_shards_identify_in_id_order_within_a_bucket_whoever_asks_first()
    {
        var time = new ObservableFakeTimeProvider();
        var budget = new GatewayIdentifyBudget(time);
        budget.Update(new GatewaySessionStartLimit(1000, 10, TimeSpan.FromHours(1), 2));
        budget.ExpectFirstIdentifies([0, 1, 2, 3]);

        var two = budget.WaitForTurnAsync(2, TestContext.Current.CancellationToken); // shard 0 of its bucket has not gone yet
        var three = budget.WaitForTurnAsync(3, TestContext.Current.CancellationToken);
        await budget.WaitForTurnAsync(0, TestContext.Current.CancellationToken).WithTimeout();
        await budget.WaitForTurnAsync(1, TestContext.Current.CancellationToken).WithTimeout();
        await time.WaitForTimerAsync(GatewayIdentifyBudget.ConcurrencyWindow);
        await time.WaitForTimerAsync(GatewayIdentifyBudget.ConcurrencyWindow);
        Assert.False(two.IsCompleted);
        Assert.False(three.IsCompleted);

        time.Advance(GatewayIdentifyBudget.ConcurrencyWindow);
        await Task.WhenAll(two, three).WithTimeout();
    }
}
