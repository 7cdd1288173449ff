using System.Text;
using System.Text.Json;
using DltBot.Discord.Json;

namespace DltBot.Discord.Tests.Models;

/// <summary>The gateway reads INTERACTION_CREATE's "d" as a JsonElement; it must refuse what the HTTP endpoint refuses.</summary>
public sealed class InteractionValidatorTests
{
    [Theory]
    [InlineData("""{"type":2,"id":"1","application_id":"2","data":{"name":"dlt"}}""", "token")]
    [InlineData("""{"type":2,"id":"x","application_id":"2","token":"t","data":{"name":"dlt"}}""", "$.id")]
    [InlineData("""{"type":2,"id":"1","application_id":"2","token":"t","data":[]}""", "$.data")]
    [InlineData("""{"type":2,"id":"1","application_id":"2","token":"t","guild_locale":"\ud800","data":{"name":"dlt"}}""", "guild_locale")]
    [InlineData("""{"type":2,"id":"1","application_id":"2","token":"t","data":{"name":"dlt","options":[{"type":3,"name":"q","value":"a"},{"type":3,"name":"q","value":"b"}]}}""", "'q'")]
    public void A_malformed_gateway_interaction_is_refused_with_one_line_naming_the_problem(string json, string named)
    {
        using var document = JsonDocument.Parse(json);

        Assert.False(InteractionValidator.TryRead(document.RootElement, out var interaction, out var error));

        Assert.Null(interaction);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void A_well_formed_interaction_with_a_paired_surrogate_is_read()
    {
        var json = """{"type":2,"id":"1","application_id":"2","token":"t","locale":"\ud83d\ude00","data":{"name":"dlt","options":[{"type":3,"name":"q","value":"a"}]}}""";

        Assert.True(InteractionValidator.TryRead(Encoding.UTF8.GetBytes(json), out var interaction, out var error), error);

        Assert.Equal("😀", interaction.Locale);
    }
}
