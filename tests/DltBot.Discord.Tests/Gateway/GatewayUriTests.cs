using System.Text.Json;
using DltBot.Discord.Gateway;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Discord.Tests.Gateway;

public sealed class GatewayUriTests
{
    [Theory]
    [InlineData("wss://gateway.discord.gg", "wss://gateway.discord.gg/?v=10&encoding=json")]
    [InlineData("wss://gateway-us-east1-d.discord.gg/", "wss://gateway-us-east1-d.discord.gg/?v=10&encoding=json")]
    [InlineData("ws://127.0.0.1:5000/gateway?v=9&encoding=etf&x=1", "ws://127.0.0.1:5000/gateway?x=1&v=10&encoding=json")]
    public void Adds_version_10_json_exactly_once(string baseUrl, string expected)
    {
        Assert.Equal(new Uri(expected), GatewayUri.ForVersion10(new Uri(baseUrl)));
    }
}
