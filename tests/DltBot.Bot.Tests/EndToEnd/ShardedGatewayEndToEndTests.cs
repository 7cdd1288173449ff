using System.Net;
using DltBot.Bot.Interactions;
using DltBot.Discord.Gateway;
using DltBot.Discord.Models;
using DltBot.Bot.Tests.Interactions;
using DltBot.FakeDiscord;
using Microsoft.Extensions.DependencyInjection;

namespace DltBot.Bot.Tests.EndToEnd;

/// <summary>The bot with two gateway shards against the fake Discord: health per shard, and each shard's interactions answered.</summary>
public sealed class ShardedGatewayEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Safety = BotUnderTest.Safety;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "dltbot-shards-" + Guid.NewGuid().ToString("N"));
    private FakeDiscordServer _fake = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // max_concurrency 2: both shards may identify at once, so nothing waits 5 s on the real clock.
    public async ValueTask InitializeAsync() => _fake = await FakeDiscordServer.StartAsync(
        new FakeDiscordOptions { SessionStartLimit = new FakeSessionStartLimit(1000, 1000, 86_400_000, 2) }, Ct);

    public async ValueTask DisposeAsync()
    {
        await _fake.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Healthz_waits_for_both_shards_and_an_interaction_on_each_shard_is_answered()
    {
        _fake.Gateway.SendHelloOnConnect = false; // lets the test bring the shards up one at a time
        var logs = new CapturingLoggerProvider();
        await using var bot = await BotUnderTest.StartAsync(_fake, _data, logs: logs, settings: new Dictionary<string, string?>
        {
            ["Discord:ShardCount"] = "2",
            ["Logging:LogLevel:DltBot.Discord.Gateway"] = "Information",
        });
        using var http = new HttpClient();
        var health = new Uri(bot.Address, DiscordBotApp.HealthPath);

        var first = await _fake.Gateway.WaitForConnectionAsync(1, Ct).WaitAsync(Safety, Ct);
        var second = await _fake.Gateway.WaitForConnectionAsync(2, Ct).WaitAsync(Safety, Ct);
        var none = await http.GetAsync(health, Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, none.StatusCode);
        Assert.Equal("gateway shards not all live; shard 0: connecting, shard 1: connecting", await none.Content.ReadAsStringAsync(Ct));

        var up = await BringUpAsync(first, logs);
        var half = await http.GetAsync(health, Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, half.StatusCode);
        var halfText = await half.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"shard {up}: ready", halfText, StringComparison.Ordinal);
        Assert.Contains($"shard {1 - up}: connecting", halfText, StringComparison.Ordinal);

        Assert.Equal(1 - up, await BringUpAsync(second, logs));
        var all = await http.GetAsync(health, Ct);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal("ready; shard 0: ready, shard 1: ready", await all.Content.ReadAsStringAsync(Ct));
        Assert.True(bot.Services.GetRequiredService<GatewayShardSet>().IsReady);

        foreach (var shard in new[] { 0, 1 })
        {
            var interaction = TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = "grokking" }) with { GuildId = GuildOnShard(shard) };
            var answer = await BotUnderTest.AnswerAsync(_fake, interaction, Ct);
            Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, answer.Response.Type);
            Assert.Contains("Omnigrok", answer.Response.Data!.Embeds![0].Description, StringComparison.Ordinal);
            var carrier = _fake.Gateway.ConnectionOfShard(shard)!;
            Assert.Contains(carrier.SentFrames, f => f.Contains(interaction.Token, StringComparison.Ordinal));
        }
    }

    /// <summary>Lets one held-back connection in (HELLO) and waits until its shard's session is READY; returns the shard.</summary>
    private async Task<int> BringUpAsync(FakeGatewayConnection connection, CapturingLoggerProvider logs)
    {
        var identified = _fake.Gateway.WaitForFrameAsync(f => f.ConnectionNumber == connection.Number && f.Op == 2, 1, Ct);
        await _fake.Gateway.SendHelloAsync(connection, Ct);
        var identify = await identified.WaitAsync(Safety, Ct);
        var shard = identify.Data.GetProperty("shard")[0].GetInt32();
        var session = _fake.Gateway.SessionIdOfShard(shard);
        await logs.WaitForAsync(line => line.Contains($"Gateway session {session} is ready", StringComparison.Ordinal)).WaitAsync(Safety, Ct);
        return shard;
    }

    private ulong GuildOnShard(int shard)
    {
        for (ulong guild = 838486034743296000; ; guild += 1UL << 22)
        {
            if (_fake.Gateway.ShardOfGuild(guild) == shard) return guild;
        }
    }
}
