using System.Text;
using DltBot.Catalog.Repair;

namespace DltBot.Catalog.Tests.Repair;

public sealed class PartOfSpeechTransitionsTests
{
    // A noun is mostly followed by a locative, a locative mostly by the particle 的; adverbs by verbs.
    private const string Table = """
        {
          "S-n": { "S-f": -0.2, "S-d": -2.5, "S-uj": -3.0, "S-v": -3.0 },
          "S-f": { "S-uj": -0.1, "S-n": -3.0, "S-d": -4.0, "S-v": -4.0 },
          "S-d": { "S-v": -0.1, "S-n": -3.0, "S-f": -5.0, "S-uj": -6.0 },
          "S-uj": { "S-n": -0.1, "S-v": -3.0, "S-f": -5.0, "S-d": -5.0 },
          "S-v": { "S-n": -0.5, "S-uj": -1.5, "S-d": -3.0, "S-f": -3.0 }
        }
        """;

    private static PartOfSpeechTransitions Load() => PartOfSpeechTransitions.FromJson(new MemoryStream(Encoding.UTF8.GetBytes(Table)));

    [Fact]
    public void Likely_successions_score_above_unlikely_ones()
    {
        var transitions = Load();
        int Single(string tag) => transitions.StateOf(tag, 1, first: true);

        Assert.True(transitions.Adjustment(Single("n"), Single("f")) > transitions.Adjustment(Single("n"), Single("d")));
        Assert.True(transitions.Adjustment(Single("f"), Single("uj")) > 0);
        Assert.True(transitions.Adjustment(Single("d"), Single("uj")) < 0);
    }

    [Fact]
    public void Unknown_tags_carry_no_context()
    {
        var transitions = Load();

        Assert.Equal(PartOfSpeechTransitions.NoState, transitions.StateOf("zz", 1, first: true));
        Assert.Equal(0, transitions.Adjustment(PartOfSpeechTransitions.NoState, transitions.StateOf("n", 1, first: true)));
    }

    [Fact]
    public void A_broken_table_is_named_in_the_error()
    {
        var error = Assert.Throws<FormatException>(() =>
            PartOfSpeechTransitions.FromJson(new MemoryStream(Encoding.UTF8.GetBytes("{ \"S-n\": [1, 2] }")), "pos_prob_trans.json"));

        Assert.Contains("pos_prob_trans.json", error.Message);
    }

    [Fact]
    public void Common_characters_get_every_part_of_speech_the_corpus_gives_them()
    {
        const string emissions = """{ "S-p": { "与": -1.0 }, "S-c": { "与": -1.2 }, "S-n": { "书": -2.0 } }""";
        var transitions = PartOfSpeechTransitions
            .FromJson(new MemoryStream(Encoding.UTF8.GetBytes("""{ "S-n": { "S-p": -1, "S-c": -1 }, "S-p": { "S-n": -0.1 }, "S-c": { "S-n": -0.1 } }""")))
            .WithEmissions(new MemoryStream(Encoding.UTF8.GetBytes(emissions)));

        var states = transitions.SingleCharacterStates('与');

        Assert.Equal(2, states.Count);
        Assert.Equal(1.0, states.Sum(s => Math.Exp(s.LogShare)), precision: 6);
        Assert.Single(transitions.SingleCharacterStates('书'));
        Assert.Empty(transitions.SingleCharacterStates('猫'));
    }
}
