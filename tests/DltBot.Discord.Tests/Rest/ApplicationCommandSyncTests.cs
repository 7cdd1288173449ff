using System.Net;
using DltBot.Discord.Builders;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;
using static DltBot.Discord.Tests.Rest.RestTestKit;

namespace DltBot.Discord.Tests.Rest;

public sealed class ApplicationCommandSyncTests
{
    private static readonly ApplicationCommand[] Desired =
    [
        new() { Name = "dlt", Description = "Reading list", Options = [new ApplicationCommandOption { Type = ApplicationCommandOptionType.SubCommand, Name = "search", Description = "Search" }] },
    ];

    private const string RegisteredSame = """
        [{"id":"1","application_id":"1085140814004224007","version":"2","type":1,"name":"dlt","description":"Reading list","nsfw":false,"integration_types":[0],
          "options":[{"type":1,"name":"search","description":"Search"}]}]
        """;

    [Fact]
    public async Task Unchanged_definitions_are_not_overwritten()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, RegisteredSame);

        var result = await kit.Client.SyncAsync(AppId, guildId: 42, Desired);

        Assert.False(result.Overwritten);
        Assert.Equal(HttpMethod.Get, Assert.Single(kit.Handler.Requests).Method);
    }

    [Fact]
    public async Task Changed_definitions_are_overwritten_once_globally()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, RegisteredSame.Replace("Reading list", "Old text", StringComparison.Ordinal)).Respond(HttpStatusCode.OK, RegisteredSame);

        var result = await kit.Client.SyncAsync(AppId, guildId: null, Desired);

        Assert.True(result.Overwritten);
        Assert.Equal(["'dlt' differs from the registered definition."], result.Differences);
        Assert.Equal(["GET", "PUT"], kit.Handler.Requests.Select(r => r.Method.Method));
        Assert.Equal($"{BaseUrl}/applications/{AppId}/commands", kit.Handler.Requests[1].Uri.ToString());
    }

    [Fact]
    public async Task Invalid_definitions_fail_before_any_request()
    {
        var kit = new RestTestKit();

        await Assert.ThrowsAsync<DiscordLimitException>(() => kit.Client.SyncAsync(AppId, 42, [Desired[0] with { Name = "DLT" }]));

        Assert.Empty(kit.Handler.Requests);
    }
}
