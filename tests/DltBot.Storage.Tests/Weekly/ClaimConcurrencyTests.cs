namespace DltBot.Storage.Tests.Weekly;

/// <summary>Claimers racing on separate connections (as a scheduled run racing post-now, or two processes): one wins each occurrence.</summary>
public abstract class ClaimConcurrencyTests(StoreEngine engine) : StoreTest(engine)
{
    private const int Claimers = 4;
    private const int Keys = 60;

    [Fact]
    public async Task Concurrent_claimers_on_separate_connections_never_both_win()
    {
        await Db.Open().Maintenance.MigrateAsync(Ct);
        var scheduled = new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.Zero);
        using var start = new ManualResetEventSlim();

        // Each claimer has its own store object (its own connections) and walks the keys in its own order.
        var claimers = Enumerable.Range(0, Claimers).Select(n => Task.Run(async () =>
        {
            var occurrences = Db.Open(TimeSpan.FromSeconds(30)).Weekly.Occurrences;
            var keys = Enumerable.Range(0, Keys).Select(k => $"2026-W{k % 52 + 1:00}+{k}").ToList();
            if (n % 2 == 1) keys.Reverse();
            start.Wait(Ct);
            var results = new List<(string Key, ClaimResult Result)>();
            foreach (var key in keys)
                results.Add((key, await occurrences.TryClaimAsync("g", key, scheduled, $"claimer-{n}", n % 2 == 0 ? ClaimRule.NewOnly : ClaimRule.AlsoUnposted, Ct)));
            return results;
        }, Ct)).ToArray();
        start.Set();
        var all = (await Task.WhenAll(claimers)).SelectMany(r => r).ToList();

        foreach (var group in all.GroupBy(r => r.Key))
        {
            var winners = group.Where(r => r.Result.Claimed).ToList();
            Assert.Single(winners);
            // Every loser was shown the winner's row.
            Assert.All(group, r => Assert.Equal(winners[0].Result.Occurrence.Claimant, r.Result.Occurrence.Claimant));
        }
        var stored = await Db.Open().Weekly.Occurrences.UnconfirmedClaimsAsync(Ct);
        Assert.Equal(Keys, stored.Count);
        Log($"{Claimers} claimers x {Keys} keys: wins per claimer {string.Join(", ", all.Where(r => r.Result.Claimed).GroupBy(r => r.Result.Occurrence.Claimant).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"))}.");
    }

    [Fact]
    public async Task Concurrent_post_now_after_a_failure_reclaims_the_week_once()
    {
        var setup = Db.Open().Weekly.Occurrences;
        var scheduled = new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.Zero);
        await setup.TryClaimAsync("g", "2026-W49", scheduled, "scheduler", Ct);
        await setup.RecordOutcomeAsync("g", "2026-W49", OccurrenceState.Failed, "missing access", Ct);
        using var start = new ManualResetEventSlim();

        var claimers = Enumerable.Range(0, Claimers).Select(n => Task.Run(async () =>
        {
            var occurrences = Db.Open(TimeSpan.FromSeconds(30)).Weekly.Occurrences;
            start.Wait(Ct);
            return await occurrences.TryClaimAsync("g", "2026-W49", scheduled, $"post-now-{n}", ClaimRule.AlsoUnposted, Ct);
        }, Ct)).ToArray();
        start.Set();
        var results = await Task.WhenAll(claimers);

        Assert.Single(results, r => r.Claimed);
    }

    public sealed class Sqlite() : ClaimConcurrencyTests(StoreEngine.Sqlite);

    public sealed class Postgres() : ClaimConcurrencyTests(StoreEngine.Postgres);
}
