using DltBot.Bot.Weekly;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using DltBot.Catalog.Weekly;

namespace DltBot.Bot.Tests.Weekly;

public sealed class WeeklyPostComposerTests
{
    private static readonly IsoWeekKey W49 = new(2026, 49);

    [Fact]
    public void Header_and_thread_name_follow_the_issue_and_the_name_is_cut_to_100_characters()
    {
        Assert.Equal("Paper of the week · 2026-W49", WeeklyPostComposer.Header(W49, newCycle: false));
        Assert.Contains("a new cycle starts", WeeklyPostComposer.Header(W49, newCycle: true), StringComparison.Ordinal);
        Assert.Equal("W49 · Omnigrok: Grokking Beyond Algorithmic Data", WeeklyPostComposer.ThreadName(W49, "Omnigrok: Grokking Beyond Algorithmic Data"));
        var longName = WeeklyPostComposer.ThreadName(W49, new string('x', 300));
        Assert.Equal(100, longName.Length);
        Assert.EndsWith("…", longName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EntryKind.Paper)]
    [InlineData(EntryKind.Course)]
    [InlineData(EntryKind.Book)]
    [InlineData(EntryKind.Video)]
    [InlineData(EntryKind.Other)]
    public void Each_kind_gets_two_or_three_prompts_of_its_own(EntryKind kind)
    {
        var prompts = WeeklyPostComposer.Prompts(kind);
        Assert.InRange(prompts.Count, 2, 3);
        if (kind != EntryKind.Paper) Assert.NotEqual(WeeklyPostComposer.Prompts(EntryKind.Paper), prompts);
    }

    [Fact]
    public void Poll_answers_fit_55_characters_stay_distinct_and_the_duration_is_clamped()
    {
        var section = new Section("Overview", TestCatalog.Overview, [], 1);
        WeeklyCandidate Candidate(string id, string title) =>
            new(new Entry(id, "1", title, "https://arxiv.org/abs/" + id, [], 2024, "", [], 1), section, EntryKind.Paper);
        var same = new string('y', 80);

        var poll = WeeklyPostComposer.Poll([Candidate("a", same), Candidate("b", same), Candidate("c", "Short")], durationHours: 5000);

        Assert.All(poll.Answers, a => Assert.True(a.Text.Length <= 55, a.Text));
        Assert.Equal(3, poll.Answers.Select(a => a.Text).Distinct().Count());
        Assert.Equal(768, poll.DurationHours);
        Assert.Equal(167, WeeklyPostComposer.PollHours(new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 11, 17, 0, 0, TimeSpan.Zero)));
        Assert.Equal(1, WeeklyPostComposer.PollHours(new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 4, 17, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_poll_listing_carries_the_entry_ids_back_in_answer_order()
    {
        var poll = new WeeklyPoll("What should we read next?",
            [new("arxiv:2210.01117", "Omnigrok", "https://arxiv.org/abs/2210.01117"), new("b", "Tit`le [x]", null), new("c", "Third", "https://c")], 24);

        var listing = DiscordWeeklyPublisher.PollListing(poll);

        Assert.Equal(["arxiv:2210.01117", "b", "c"], DiscordWeeklyPublisher.EntryIdsIn(listing));
        Assert.Contains("[Omnigrok](<https://arxiv.org/abs/2210.01117>)", listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_console_publisher_prints_the_post_once_per_nonce_with_thread_and_poll()
    {
        using var output = new StringWriter();
        var console = new ConsoleWeeklyPublisher(output);
        var post = new WeeklyPost("local", "2026-W49", "Paper of the week · 2026-W49", TestCatalog.Omnigrok,
            new Section("Optimization", TestCatalog.Optimization, [], 18), PickReason.Seeded, false, null, true,
            "W49 · Omnigrok", WeeklyPostComposer.Prompts(EntryKind.Paper), null);

        var first = await console.SendPostAsync("local", post, "n1", TestContext.Current.CancellationToken);
        var again = await console.SendPostAsync("local", post, "n1", TestContext.Current.CancellationToken);
        _ = await console.StartThreadAsync("local", first, post, TestContext.Current.CancellationToken);

        var text = output.ToString();
        Assert.Equal(first, again);
        Assert.Single(text.Split('\n'), l => l.Contains("Paper of the week · 2026-W49", StringComparison.Ordinal));
        Assert.Contains("Omnigrok: Grokking Beyond Algorithmic Data", text, StringComparison.Ordinal);
        Assert.Contains("Thread: W49 · Omnigrok", text, StringComparison.Ordinal);
        Assert.Equal(first, await console.FindPostAsync("local", "n1", TestContext.Current.CancellationToken));
    }
}
