using System.Text.Json;
using DltBot.Discord.Gateway;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Discord.Tests.Gateway;

public sealed class GatewaySecretTests
{
    [Fact]
    public void Records_carrying_the_token_never_print_it()
    {
        const string token = "MTA4NTE0MDgxNDAwNDIyNDAwNw.secret";

        string[] printed =
        [
            new GatewayClientOptions { Token = token }.ToString(),
            new IdentifyData(token, 1, new IdentifyProperties("linux", "DltBot", "DltBot")).ToString(),
            new ResumeData(token, "session", 3).ToString(),
        ];

        Assert.All(printed, text => Assert.DoesNotContain(token, text, StringComparison.Ordinal));
        Assert.All(printed, text => Assert.Contains("***", text, StringComparison.Ordinal));
    }
}
