using DltBot.Discord.Gateway;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;

namespace DltBot.Discord.Tests.Models;

/// <summary>Records print every member by default; anything holding a token must not.</summary>
public sealed class TokenRedactionTests
{
    private const string Secret = "aW50ZXJhY3Rpb246c2VjcmV0LXRva2Vu";

    [Fact]
    public void An_interaction_prints_without_its_token()
    {
        var interaction = new Interaction
        {
            Id = 1528695470141087529,
            ApplicationId = 1085140814004224007,
            Type = InteractionType.ApplicationCommand,
            Token = Secret,
            Data = new InteractionData { Name = "dlt" },
            Locale = "zh-CN",
        };

        var printed = interaction.ToString();

        Assert.DoesNotContain(Secret, printed, StringComparison.Ordinal);
        Assert.Contains("1528695470141087529", printed, StringComparison.Ordinal);
        Assert.Contains("Token = ***", printed, StringComparison.Ordinal);
        Assert.Contains("dlt", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Rest_and_gateway_options_print_without_the_bot_token()
    {
        Assert.DoesNotContain(Secret, new DiscordRestOptions { Token = Secret }.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, new GatewayClientOptions { Token = Secret }.ToString(), StringComparison.Ordinal);
    }
}
