using System.Text;
using System.Text.Json;
using DltBot.Discord.Json;
using DltBot.Discord.Models;

namespace DltBot.Discord.Tests.Models;

public sealed class DiscordJsonTests
{
    [Fact]
    public void Interaction_reads_from_bytes_and_from_a_gateway_element()
    {
        var fromBytes = DiscordJson.ReadInteraction(Encoding.UTF8.GetBytes(InteractionFixtures.Autocomplete));
        using var frame = JsonDocument.Parse($$"""{"op":0,"s":3,"t":"INTERACTION_CREATE","d":{{InteractionFixtures.Autocomplete}}}""");
        var fromElement = DiscordJson.ReadInteraction(frame.RootElement.GetProperty("d"));

        Assert.Equal(fromBytes.Id, fromElement.Id);
        Assert.Equal(InteractionType.ApplicationCommandAutocomplete, fromElement.Type);
    }

    [Fact]
    public void Null_payload_is_a_json_error()
    {
        Assert.Throws<JsonException>(() => DiscordJson.ReadInteraction("null"u8));
    }

    [Fact]
    public void Pong_is_written_as_discord_expects()
    {
        Assert.Equal("""{"type":1}""", Encoding.UTF8.GetString(DiscordJson.WriteResponse(InteractionResponse.Pong())));
    }

    [Fact]
    public void Snowflake_gives_the_creation_time()
    {
        // (ms since the Discord epoch) << 22, with worker/process/increment bits that must be ignored.
        const long ms = 1784534400000 - 1420070400000;
        var id = ((ulong)ms << 22) | 0b10101_00011_000000000111;

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1784534400000), Snowflake.CreatedAt(id));
    }
}

public sealed class DefaultMentionsTests
{
    [Theory]
    [InlineData(InteractionCallbackType.ChannelMessageWithSource)]
    [InlineData(InteractionCallbackType.UpdateMessage)]
    public void Hand_built_message_responses_get_no_pings_when_written(InteractionCallbackType type)
    {
        var response = new InteractionResponse { Type = type, Data = new InteractionCallbackData { Content = "@everyone" } };

        var json = System.Text.Encoding.UTF8.GetString(DiscordJson.WriteResponse(response));

        Assert.Contains("\"allowed_mentions\":{\"parse\":[]}", json);
    }

    [Fact]
    public void Explicit_mentions_and_non_message_responses_are_left_alone()
    {
        var explicitUsers = new InteractionResponse
        {
            Type = InteractionCallbackType.ChannelMessageWithSource,
            Data = new InteractionCallbackData { Content = "<@1>", AllowedMentions = new AllowedMentions { Users = [1] } },
        };

        Assert.Same(explicitUsers, explicitUsers.WithDefaultMentions());
        Assert.DoesNotContain("allowed_mentions", System.Text.Encoding.UTF8.GetString(DiscordJson.WriteResponse(InteractionResponse.Deferred(ephemeral: true))));
    }
}
