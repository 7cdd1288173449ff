using DltBot.Bot.Interactions;

namespace DltBot.Bot.Tests.Interactions;

public sealed class DiscordBotOptionsTests
{
    // Shaped like a bot token; not a real one.
    internal const string FakeToken = "MTA4NTE0MDgxNDAwNDIyNDAwNw.GxYz12.abcdefghijklmnopqrstuvwxyz012345678";
    internal const string FakePublicKey = "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29";

    private static DiscordBotOptions Valid(string? mode = null) => new()
    {
        Mode = mode, Token = FakeToken, ApplicationId = "1085140814004224007", PublicKey = FakePublicKey,
    };

    [Fact]
    public void Without_a_token_the_bot_runs_the_console() => Assert.Equal(BotMode.Console, new DiscordBotOptions().Validate());

    [Fact]
    public void With_a_token_the_default_is_the_gateway() => Assert.Equal(BotMode.Gateway, Valid().Validate());

    [Theory]
    [InlineData("http", BotMode.Http)]
    [InlineData("Gateway", BotMode.Gateway)]
    [InlineData(" console ", BotMode.Console)]
    public void Mode_names_are_case_insensitive(string mode, BotMode expected) => Assert.Equal(expected, Valid(mode).Validate());

    public static TheoryData<string, Action<DiscordBotOptions>> BadSettings() => new()
    {
        { "Discord:Mode", o => o.Mode = "Websocket" },
        { "Discord:Mode", o => o.Mode = "3" },
        { "Discord:ApplicationId", o => o.ApplicationId = null },
        { "Discord:ApplicationId", o => o.ApplicationId = "my-bot" },
        { "Discord:Token", o => o.Token = "Bot " + FakeToken },
        { "Discord:Token", o => o.Token = "not-a-token" },
        { "Discord:DevGuildId", o => o.DevGuildId = "-5" },
        { "Discord:ApiBaseUrl", o => o.ApiBaseUrl = "discord.com/api" },
        { "Discord:DeferAfter", o => o.DeferAfter = TimeSpan.FromSeconds(3) },
        { "Discord:MaxConcurrentCommands", o => o.MaxConcurrentCommands = -1 },
        { "Discord:MaxConcurrentCommands", o => o.MaxConcurrentCommands = 100_000 },
        { "Discord:MaxQueuedCommands", o => o.MaxQueuedCommands = -3 },
        { "Discord:DrainTimeout", o => o.DrainTimeout = TimeSpan.Zero },
        { "Discord:DrainTimeout", o => o.DrainTimeout = TimeSpan.FromHours(1) },
        { "Discord:GlobalRateLimit", o => o.GlobalRateLimit = 0 },
        { "Discord:GlobalRateLimit", o => o.GlobalRateLimit = -25 },
    };

    [Fact]
    public void Unset_worker_settings_scale_with_the_machine()
    {
        var options = Valid();

        Assert.Equal(Math.Max(2, 2 * Environment.ProcessorCount), options.CommandWorkers);
        Assert.Equal(16 * options.CommandWorkers, options.CommandQueue);
        Assert.Equal(TimeSpan.FromSeconds(10), options.DrainTimeout);
        Assert.Equal(50, options.GlobalRateLimit);
    }

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_setting_fails_fast_with_one_line_naming_the_key(string key, Action<DiscordBotOptions> spoil)
    {
        var options = Valid();
        spoil(options);

        var e = Assert.Throws<DiscordConfigurationException>(() => options.Validate());

        Assert.StartsWith(key, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain(FakeToken, e.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("zz6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29")]
    [InlineData("3b6a27bc")]
    public void Http_mode_needs_a_well_formed_public_key(string? key)
    {
        var options = Valid("Http");
        options.PublicKey = key;
        var e = Assert.Throws<DiscordConfigurationException>(() => options.Validate());
        Assert.StartsWith("Discord:PublicKey", e.Message);
    }

    [Fact]
    public void Http_mode_needs_the_token_too()
    {
        var options = Valid("Http");
        options.Token = null;
        Assert.StartsWith("Discord:Token", Assert.Throws<DiscordConfigurationException>(() => options.Validate()).Message);
    }
}
