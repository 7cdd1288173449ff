using Dapper;
using DltBot.Catalog.LinkHealth;
using DltBot.Storage.Migrations;

namespace DltBot.Storage.Tests.LinkHealth;

public abstract class LinkCheckStoreTests(StoreEngine engine) : StoreTest(engine)
{
    private const string Url = "https://example.org/paper";

    private ILinkChecks Links => Db.Open().LinkChecks;

    private LinkProbe Failed(string detail = "404") =>
        new(Url, ProbeOutcome.Failed, 404, Url, detail, [], Db.Time.GetUtcNow());

    private LinkProbe Reachable(params RedirectHop[] hops) =>
        new(Url, ProbeOutcome.Reachable, 200, hops.Length == 0 ? Url : hops[^1].To, null, hops, Db.Time.GetUtcNow());

    [Fact]
    public async Task A_link_is_dead_only_after_two_failures_a_week_apart()
    {
        var first = Db.Time.GetUtcNow();
        var once = (await Links.RecordAsync([Failed()], Ct))[0];
        Db.Time.Advance(TimeSpan.FromHours(2));
        var sameDay = (await Links.RecordAsync([Failed()], Ct))[0];
        Db.Time.Advance(TimeSpan.FromDays(7));
        var weekLater = (await Links.RecordAsync([Failed("no answer within 10 s")], Ct))[0];

        Assert.Equal((1, false), (once.ConsecutiveFailures, once.IsDead));
        Assert.Equal((2, false), (sameDay.ConsecutiveFailures, sameDay.IsDead));
        Assert.Equal((3, true, first), (weekLater.ConsecutiveFailures, weekLater.IsDead, weekLater.FailingSince));
        var stored = await Links.GetAsync(Url, Ct);
        Assert.Equal(weekLater, stored);
        Assert.Equal("no answer within 10 s", stored!.Detail);
    }

    [Fact]
    public async Task A_reachable_check_ends_the_streak_and_an_inconclusive_one_keeps_it()
    {
        await Links.RecordAsync([Failed()], Ct);
        Db.Time.Advance(TimeSpan.FromDays(7));
        var limited = (await Links.RecordAsync([new LinkProbe(Url, ProbeOutcome.Inconclusive, 429, Url, "rate limited", [], Db.Time.GetUtcNow())], Ct))[0];
        Db.Time.Advance(TimeSpan.FromDays(7));
        var back = (await Links.RecordAsync([Reachable()], Ct))[0];

        Assert.Equal((1, false), (limited.ConsecutiveFailures, limited.IsDead));
        Assert.Equal((0, null, false), (back.ConsecutiveFailures, back.FailingSince, back.IsDead));
        Assert.Empty(await Links.NotableAsync(Ct));
    }

    [Fact]
    public async Task A_permanent_redirect_is_stored_as_the_suggested_url_and_listed_as_notable()
    {
        var moved = "https://example.org/moved";
        var record = (await Links.RecordAsync([Reachable(new RedirectHop(301, Url, moved), new RedirectHop(302, moved, moved + "?tmp"))], Ct))[0];

        Assert.Equal((moved, moved + "?tmp"), (record.SuggestedUrl, record.FinalUrl));
        Assert.Equal([record], await Links.NotableAsync(Ct));
    }

    [Fact]
    public async Task A_temporary_redirect_suggests_nothing()
    {
        var record = (await Links.RecordAsync([Reachable(new RedirectHop(307, Url, "https://example.org/today"))], Ct))[0];

        Assert.Null(record.SuggestedUrl);
        Assert.Null(await Links.GetAsync("https://never.example/", Ct));
    }

    [Fact]
    public async Task A_batch_is_recorded_together()
    {
        var probes = Enumerable.Range(0, 50)
            .Select(i => new LinkProbe($"https://h{i % 5}.example/{i}", i % 2 == 0 ? ProbeOutcome.Failed : ProbeOutcome.Reachable, 200, $"https://h{i % 5}.example/{i}", null, [], Db.Time.GetUtcNow()))
            .ToList();

        var records = await Links.RecordAsync(probes, Ct);

        Assert.Equal(probes.Select(p => p.Url), records.Select(r => r.Url));
        Assert.Equal(25, (await Links.NotableAsync(Ct)).Count);
    }

    [Fact]
    public async Task A_database_at_the_weekly_schema_gains_the_link_table_and_keeps_its_rows()
    {
        var previous = Db.OpenWith(SchemaMigrations.All.Take(2).ToList());
        await previous.Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, "first", Ct);
        await previous.Weekly.Queue.EnqueueAsync("g", "a", Sample.Alice, Ct);

        var current = Db.Open();
        var result = await current.Maintenance.MigrateAsync(Ct);

        Assert.Equal((2, SchemaMigrations.Latest), (result.FromVersion, result.ToVersion));
        Assert.Contains(result.Applied, a => a.StartsWith("3: link health", StringComparison.Ordinal));
        Assert.Equal(["a"], (await current.Weekly.Queue.ListAsync("g", Ct)).Select(q => q.EntryId));
        Assert.Contains("link_checks", await Db.TablesAsync());
        Assert.True((await current.Maintenance.CheckAsync(Ct)).Healthy);
    }

    [Fact]
    public async Task The_schema_refuses_failures_without_the_time_they_began()
    {
        await Db.Open().Maintenance.MigrateAsync(Ct);
        using var raw = Db.Raw();

        Assert.ThrowsAny<System.Data.Common.DbException>(() => raw.Execute("""
            INSERT INTO link_checks (url, outcome, final_url, checked_utc, consecutive_failures) VALUES ('u', 'failed', 'u', 't', 2)
            """));
    }

    public sealed class Sqlite() : LinkCheckStoreTests(StoreEngine.Sqlite);

    public sealed class Postgres() : LinkCheckStoreTests(StoreEngine.Postgres);
}
