using DltBot.Bot.Interactions;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Tests.Interactions;

public sealed class CustomIdCodecTests
{
    private const ulong Requester = 720629921742981889;

    public static TheoryData<ComponentState> RoundTripStates() => new()
    {
        new SearchPageState(0, Requester, "grokking"),
        new SearchPageState(3, Requester, "神经正切核 NTK", "optimization", new YearRange(2018, 2022), EntryKind.Paper),
        new SearchPageState(12, ulong.MaxValue, "a|b||c", null, new YearRange(2020, 2020)),
        new TopicPageState(2, Requester, "优化"),
        new EntryPickState(Requester),
    };

    [Theory]
    [MemberData(nameof(RoundTripStates))]
    public void Encoded_state_decodes_to_the_same_state(ComponentState state)
    {
        var id = CustomIdCodec.Encode(state);

        Assert.True(id.Length <= CustomIdCodec.MaxLength, $"{id.Length} characters: {id}");
        Assert.True(CustomIdCodec.TryDecode(id, out var decoded));
        Assert.Equal(state, decoded);
    }

    [Fact]
    public void A_long_query_is_cut_to_fit_100_characters_and_stays_the_same_on_every_page()
    {
        var query = string.Concat(Enumerable.Repeat("generalization bound ", 10));
        var state = new SearchPageState(0, ulong.MaxValue, query, "optimization", new YearRange(2015, 2024), EntryKind.Paper);

        var fitted = CustomIdCodec.FitQuery(state);
        var ids = Enumerable.Range(0, 40).Select(p => CustomIdCodec.Encode(state with { Page = p, Query = fitted })).ToList();

        Assert.All(ids, id => Assert.True(id.Length <= 100, id));
        Assert.StartsWith(fitted, query);
        Assert.True(fitted.Length > 20, "most of the room should go to the query");
        Assert.All(ids, id => Assert.True(CustomIdCodec.TryDecode(id, out var s) && ((SearchPageState)s!).Query == fitted));
    }

    [Fact]
    public void Cutting_a_query_never_splits_a_surrogate_pair()
    {
        var query = string.Concat(Enumerable.Repeat("𝔼", 80)); // each is two UTF-16 units
        var id = CustomIdCodec.Encode(new SearchPageState(0, Requester, query));

        Assert.True(id.Length <= 100);
        Assert.True(CustomIdCodec.TryDecode(id, out var s));
        var decoded = ((SearchPageState)s!).Query;
        Assert.True(decoded.Length % 2 == 0 && !char.IsHighSurrogate(decoded[^1]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("remind:1528672814784186913")]
    [InlineData("dlt1")]
    [InlineData("dlt1|s|0|abc")]
    [InlineData("dlt1|s|!|abc|||x|q")]
    [InlineData("dlt1|s|0|abc||2020|0|q")]
    [InlineData("dlt1|s|0|abc|||99|q")]
    [InlineData("dlt1|t|0|zzzzzzzzzzzzzzzzz|x")]
    [InlineData("dlt1|x|0")]
    [InlineData("dlt9|t|0|1|x")]
    public void Foreign_or_damaged_ids_are_refused_without_throwing(string? customId)
    {
        Assert.False(CustomIdCodec.TryDecode(customId, out var state));
        Assert.Null(state);
    }

    [Fact]
    public void Base36_covers_the_whole_snowflake_range()
    {
        foreach (var value in new[] { 0UL, 1UL, 35UL, 36UL, Requester, ulong.MaxValue })
            Assert.Equal(value, CustomIdCodec.FromBase36(CustomIdCodec.ToBase36(value)));
    }
}
