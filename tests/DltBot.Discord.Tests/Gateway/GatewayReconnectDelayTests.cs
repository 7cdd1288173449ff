using System.Text.Json;
using DltBot.Discord.Gateway;
using DltBot.Discord.Tests.Gateway.Fakes;

namespace DltBot.Discord.Tests.Gateway;

public sealed class GatewayReconnectDelayTests
{
    [Fact]
    public void Delays_double_up_to_the_cap_and_reset_after_success()
    {
        var delay = new ExponentialGatewayReconnectDelay(new FixedRandom(0), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        var seconds = Enumerable.Range(0, 9).Select(_ => delay.NextDelay().TotalSeconds).ToArray();
        delay.Reset();

        Assert.Equal([0.5, 1, 2, 4, 8, 16, 30, 30, 30], seconds);
        Assert.Equal(TimeSpan.FromSeconds(0.5), delay.NextDelay());
    }

    [Fact]
    public void Jitter_spreads_each_delay_between_half_and_all_of_its_ceiling()
    {
        var random = new FixedRandom(0.999);
        var delay = new ExponentialGatewayReconnectDelay(random, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));

        var first = delay.NextDelay();

        Assert.InRange(first.TotalSeconds, 1.99, 2.0);
    }

    [Fact]
    public void Many_failures_never_overflow_past_the_cap()
    {
        var delay = new ExponentialGatewayReconnectDelay(new FixedRandom(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));

        var last = Enumerable.Range(0, 500).Select(_ => delay.NextDelay()).ToArray()[^1];

        Assert.Equal(TimeSpan.FromSeconds(90), last);
    }
}
