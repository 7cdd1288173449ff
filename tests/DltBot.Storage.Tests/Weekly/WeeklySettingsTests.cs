namespace DltBot.Storage.Tests.Weekly;

public abstract class WeeklySettingsTests(StoreEngine engine) : StoreTest(engine)
{
    private static readonly WeeklySchedule Berlin = new("900", DayOfWeek.Friday, new TimeOnly(18, 0), "Europe/Berlin", "777", Thread: true, Poll: false);

    private IWeeklySettings Settings => Db.Open().Weekly.Settings;

    [Fact]
    public async Task A_saved_schedule_reads_back_with_who_saved_it_and_when()
    {
        var saved = await Settings.SaveAsync("g", Berlin, Sample.Alice, Ct);
        var read = await Settings.GetAsync("g", Ct);

        Assert.Equal(saved, read);
        Assert.Equal(Berlin, read!.Schedule);
        Assert.Equal((false, null, false, "111", Db.Time.GetUtcNow()), (read.Paused, read.PauseReason, read.SkipNext, read.UpdatedBy, read.UpdatedUtc));
        Assert.Null(await Settings.GetAsync("other", Ct));
    }

    [Fact]
    public async Task Saving_again_replaces_the_schedule_clears_a_pause_and_keeps_a_pending_skip()
    {
        await Settings.SaveAsync("g", Berlin, Sample.Alice, Ct);
        await Settings.PauseAsync("g", "missing permission Send Messages in #papers", Sample.Alice, Ct);
        await Settings.SetSkipNextAsync("g", true, Sample.Alice, Ct);
        Db.Time.Advance(TimeSpan.FromHours(1));

        var changed = Berlin with { Day = DayOfWeek.Monday, LocalTime = new TimeOnly(9, 30), TimeZoneId = "America/New_York", RoleId = null, Poll = true };
        var saved = await Settings.SaveAsync("g", changed, Sample.Bob, Ct);

        Assert.Equal(changed, saved.Schedule);
        Assert.Equal((false, null, true, "222"), (saved.Paused, saved.PauseReason, saved.SkipNext, saved.UpdatedBy));
        Assert.Equal(Db.Time.GetUtcNow(), saved.UpdatedUtc);
    }

    [Fact]
    public async Task Pause_keeps_the_reason_until_resume()
    {
        await Settings.SaveAsync("g", Berlin, Sample.Alice, Ct);

        Assert.True(await Settings.PauseAsync("g", "missing permission Send Messages in #papers", Sample.Bob, Ct));
        var paused = (await Settings.GetAsync("g", Ct))!;
        Assert.True(await Settings.ResumeAsync("g", Sample.Alice, Ct));
        var resumed = (await Settings.GetAsync("g", Ct))!;

        Assert.Equal((true, "missing permission Send Messages in #papers", "222"), (paused.Paused, paused.PauseReason, paused.UpdatedBy));
        Assert.Equal((false, null), (resumed.Paused, resumed.PauseReason));
        Assert.Equal(Berlin, resumed.Schedule);
    }

    [Fact]
    public async Task Switches_on_a_guild_without_settings_say_so()
    {
        Assert.False(await Settings.PauseAsync("none", "why", Sample.Alice, Ct));
        Assert.False(await Settings.ResumeAsync("none", Sample.Alice, Ct));
        Assert.False(await Settings.SetSkipNextAsync("none", true, Sample.Alice, Ct));
        Assert.Null(await Settings.GetAsync("none", Ct));
    }

    [Fact]
    public async Task Skip_next_is_set_and_cleared()
    {
        await Settings.SaveAsync("g", Berlin, Sample.Alice, Ct);

        await Settings.SetSkipNextAsync("g", true, Sample.Alice, Ct);
        Assert.True((await Settings.GetAsync("g", Ct))!.SkipNext);
        await Settings.SetSkipNextAsync("g", false, Sample.Alice, Ct);
        Assert.False((await Settings.GetAsync("g", Ct))!.SkipNext);
    }

    [Fact]
    public async Task Every_guild_with_settings_is_listed_for_start_up_paused_ones_too()
    {
        await Settings.SaveAsync("b", Berlin, Sample.Alice, Ct);
        await Settings.SaveAsync("a", Berlin with { ChannelId = "901" }, Sample.Alice, Ct);
        await Settings.PauseAsync("b", "reason", Sample.Alice, Ct);

        var all = await Db.Open().Weekly.Settings.ListAsync(Ct);

        Assert.Equal(["a", "b"], all.Select(s => s.Guild));
        Assert.True(all[1].Paused);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_what_was_wrong()
    {
        var seconds = await Assert.ThrowsAsync<ArgumentException>(() => Settings.SaveAsync("g", Berlin with { LocalTime = new TimeOnly(18, 0, 30) }, Sample.Alice, Ct));
        var zone = await Assert.ThrowsAsync<ArgumentException>(() => Settings.SaveAsync("g", Berlin with { TimeZoneId = " " }, Sample.Alice, Ct));
        var reason = await Assert.ThrowsAsync<ArgumentException>(() => Settings.PauseAsync("g", "", Sample.Alice, Ct));

        Assert.Contains("18:00:30", seconds.Message);
        Assert.Contains("TimeZoneId", zone.Message);
        Assert.Contains("reason", reason.Message);
        Assert.Null(await Settings.GetAsync("g", Ct));
    }

    public sealed class Sqlite() : WeeklySettingsTests(StoreEngine.Sqlite);

    public sealed class Postgres() : WeeklySettingsTests(StoreEngine.Postgres);
}
