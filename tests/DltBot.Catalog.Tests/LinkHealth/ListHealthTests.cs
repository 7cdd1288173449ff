using DltBot.Catalog.LinkHealth;
using DltBot.Catalog.Model;

namespace DltBot.Catalog.Tests.LinkHealth;

public class ListHealthTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    private static Entry E(string id, string? url, params Entry[] children) => new(id, "", "Title " + id, url, [], null, "", children, 1);

    private static ReadingList List(params Entry[] entries) =>
        new("L", "", [new Section("S", new Topic("s", "S", "S", []), entries, 1)]);

    private static LinkRecord Record(string url, int failures, DateTimeOffset? since, string? suggested = null, DateTimeOffset? checkedAt = null) =>
        new(url, failures > 0 ? ProbeOutcome.Failed : ProbeOutcome.Reachable, failures > 0 ? 404 : 200, url, suggested, null,
            checkedAt ?? Start.AddDays(7), failures, since);

    [Fact]
    public void The_review_lists_dead_then_moved_then_duplicates_then_entries_without_a_link()
    {
        var list = List(
            E("a", "https://a.example/x"),
            E("b", "https://arxiv.org/abs/2210.01117v2"),
            E("c", null, E("c1", "http://arxiv.org/pdf/2210.01117.pdf")),
            E("d", "https://moved.example/"),
            E("e", "https://www.a.example/x/"));
        var records = new Dictionary<string, LinkRecord>
        {
            ["https://a.example/x"] = Record("https://a.example/x", 2, Start),
            ["https://moved.example/"] = Record("https://moved.example/", 0, null, "https://new.example/"),
        };

        var findings = ListHealth.Review(list, records.GetValueOrDefault);

        Assert.Collection(findings,
            f => Assert.Equal("a", Assert.IsType<HealthFinding.DeadLink>(f).Entry.Id),
            f => Assert.Equal("https://new.example/", Assert.IsType<HealthFinding.MovedLink>(f).Record.SuggestedUrl),
            f => Assert.Equal(("c1", "b", "arxiv:2210.01117"), Dup(f)),
            f => Assert.Equal(("e", "a", "a.example/x"), Dup(f)),
            f => Assert.Equal("c", Assert.IsType<HealthFinding.NoLink>(f).Entry.Id));
    }

    private static (string, string, string) Dup(HealthFinding finding)
    {
        var d = Assert.IsType<HealthFinding.Duplicate>(finding);
        return (d.Entry.Id, d.First.Id, d.Key);
    }

    [Fact]
    public void Two_failures_the_same_day_are_not_dead_yet()
    {
        var list = List(E("a", "https://a.example/"));
        var record = Record("https://a.example/", 2, Start, checkedAt: Start.AddHours(3));

        Assert.Empty(ListHealth.Review(list, _ => record));
        Assert.True(record with { CheckedAt = Start.AddDays(6) } is { IsDead: true });
    }

    [Fact]
    public void Urls_lists_each_link_once_in_list_order_children_included()
    {
        var list = List(E("a", "https://a.example/", E("a1", "https://c.example/")), E("b", "https://a.example/"), E("c", null));

        Assert.Equal(["https://a.example/", "https://c.example/"], ListHealth.Urls(list));
    }
}

public class LinkHealthPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    private static LinkProbe Probe(ProbeOutcome outcome, DateTimeOffset at, params RedirectHop[] hops) =>
        new("https://x.example/", outcome, outcome == ProbeOutcome.Failed ? 410 : 200, "https://x.example/", outcome == ProbeOutcome.Failed ? "410" : null, hops, at);

    [Fact]
    public void Failures_count_up_from_the_first_and_remember_when_it_began()
    {
        var first = LinkHealthPolicy.Next(null, Probe(ProbeOutcome.Failed, T0));
        var second = LinkHealthPolicy.Next(first, Probe(ProbeOutcome.Failed, T0.AddDays(7)));

        Assert.Equal((1, T0, false), (first.ConsecutiveFailures, first.FailingSince, first.IsDead));
        Assert.Equal((2, T0, true), (second.ConsecutiveFailures, second.FailingSince, second.IsDead));
    }

    [Fact]
    public void Only_permanent_redirects_from_the_start_of_the_chain_are_suggested()
    {
        RedirectHop Hop(int status, string from, string to) => new(status, from, to);
        var permanentThenTemporary = Probe(ProbeOutcome.Reachable, T0, Hop(308, "https://x.example/", "https://y.example/"), Hop(302, "https://y.example/", "https://z.example/"));
        var temporaryThenPermanent = Probe(ProbeOutcome.Reachable, T0, Hop(302, "https://x.example/", "https://y.example/"), Hop(301, "https://y.example/", "https://z.example/"));
        var permanentButBroken = Probe(ProbeOutcome.Failed, T0, Hop(301, "https://x.example/", "https://y.example/"));

        Assert.Equal("https://y.example/", permanentThenTemporary.PermanentTarget);
        Assert.Null(temporaryThenPermanent.PermanentTarget);
        Assert.Null(permanentButBroken.PermanentTarget);
    }
}
