using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests.Fakes;

/// <summary>
/// Why the end-to-end tests give the in-process bot a <see cref="PooledTimerClock"/>: a bare <see cref="FakeTimeProvider"/>
/// runs a due timer callback on whichever thread is in its wake-up loop when the clock moves, which can be a bot thread in
/// the middle of a write; the pooled clock runs it on a pool thread, as the system clock does. The bare-clock cases pin
/// the behaviour the wrapper exists for: should a new FakeTimeProvider stop doing this, they fail and the wrapper can go.
/// </summary>
public sealed class PooledTimerClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

    // Per thread, as a lock or a SQLite write transaction is: code that finds it set runs inside that section.
    [ThreadStatic] private static bool t_insideWriteSection;
    [ThreadStatic] private static bool t_movingTheClock;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_bare_fake_clock_runs_the_callback_a_move_made_due_inside_the_bot_thread_that_holds_its_wake_up_loop()
    {
        var clock = new FakeTimeProvider(Start);

        var (ranOn, insideWriteSection, botThread) = await MoveWhileABotThreadSetsATimerInItsWriteSectionAsync(clock, clock.SetUtcNow);

        Assert.Equal(botThread, ranOn);
        Assert.True(insideWriteSection);
    }

    [Fact]
    public async Task The_pooled_clock_runs_it_on_a_pool_thread_while_the_bot_thread_is_still_in_its_write_section()
    {
        var clock = new PooledTimerClock(Start);

        var (ranOn, insideWriteSection, botThread) = await MoveWhileABotThreadSetsATimerInItsWriteSectionAsync(clock, clock.SetUtcNow);

        Assert.NotEqual(botThread, ranOn);
        Assert.False(insideWriteSection);
    }

    [Fact]
    public async Task A_bare_fake_clock_resumes_a_delay_inside_the_call_that_moves_it()
    {
        var clock = new FakeTimeProvider(Start);

        Assert.True(await ResumedWhileMovingAsync(clock, clock.Advance));
    }

    [Fact]
    public async Task The_pooled_clock_resumes_a_delay_on_another_thread_than_the_one_that_moves_it()
    {
        var clock = new PooledTimerClock(Start);

        Assert.False(await ResumedWhileMovingAsync(clock, clock.Advance));
    }

    [Fact]
    public async Task A_callback_runs_with_the_async_locals_of_the_code_that_set_its_timer_not_of_the_code_that_moved_the_clock()
    {
        var clock = new PooledTimerClock(Start);
        var flowed = new AsyncLocal<string>();
        var seen = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The setter's own context (Task.Run's copy of the test's), as each bot request or job has its own.
        using var timer = await Task.Run(() =>
        {
            flowed.Value = "setter";
            return clock.CreateTimer(_ => seen.TrySetResult(flowed.Value), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        }, Ct);

        flowed.Value = "mover";
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("setter", await seen.Task.WaitAsync(Safety, Ct));
    }

    /// <summary>
    /// A timer due in a minute (Quartz's wake-up, say); a bot thread that, inside its write section, sets a timer due at
    /// once whose callback is slow (it holds the bare clock's wake-up loop for as long as it runs); the test moves the clock
    /// past the minute while that callback runs. Returns where the minute's callback ran.
    /// </summary>
    private static async Task<(int RanOn, bool InsideWriteSection, int BotThread)> MoveWhileABotThreadSetsATimerInItsWriteSectionAsync(
        TimeProvider clock, Action<DateTimeOffset> setClock)
    {
        var ran = new TaskCompletionSource<(int, bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var wakeUp = clock.CreateTimer(
            _ => ran.TrySetResult((Environment.CurrentManagedThreadId, t_insideWriteSection)), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        using var slowEntered = new ManualResetEventSlim();
        using var releaseSlow = new ManualResetEventSlim();
        using var leaveWriteSection = new ManualResetEventSlim();
        var botThread = 0;
        var bot = new Thread(() =>
        {
            botThread = Environment.CurrentManagedThreadId;
            t_insideWriteSection = true;
            using (clock.CreateTimer(_ => { slowEntered.Set(); releaseSlow.Wait(); }, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan))
                leaveWriteSection.Wait();
            t_insideWriteSection = false;
        });
        bot.Start();
        try
        {
            slowEntered.Wait(Ct);
            setClock(Start.AddMinutes(1));
            if (clock is FakeTimeProvider)
            {
                // The move returned without running the callback it made due: the bot thread holds the wake-up loop.
                Assert.False(ran.Task.IsCompleted);
                releaseSlow.Set();
            }
            var (ranOn, inside) = await ran.Task.WaitAsync(Safety, Ct);
            return (ranOn, inside, botThread);
        }
        finally
        {
            releaseSlow.Set();
            leaveWriteSection.Set();
            bot.Join();
        }
    }

    /// <summary>Awaits a one-second Task.Delay on <paramref name="clock"/> and tells whether it resumed inside the move.</summary>
    private static async Task<bool> ResumedWhileMovingAsync(TimeProvider clock, Action<TimeSpan> advance)
    {
        var resumed = Resume();
        t_movingTheClock = true;
        try
        {
            advance(TimeSpan.FromSeconds(1));
        }
        finally
        {
            t_movingTheClock = false;
        }
        return await resumed.WaitAsync(Safety, Ct);

        async Task<bool> Resume()
        {
            await Task.Delay(TimeSpan.FromSeconds(1), clock, Ct).ConfigureAwait(false);
            return t_movingTheClock;
        }
    }
}
