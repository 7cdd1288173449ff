using System.Threading.Channels;
using DltBot.Bot.Weekly;
using DltBot.Catalog.Weekly;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace DltBot.Bot.Tests.Weekly;

/// <summary>Runs the real scheduler on a real SQLite file, as the host wires it, on a clock the test moves.</summary>
internal sealed class WeeklyQuartzHost : IAsyncDisposable
{
    private readonly IHost _host;

    private WeeklyQuartzHost(IHost host, Stores stores)
    {
        _host = host;
        Stores = stores;
    }

    public Stores Stores { get; }

    public IWeeklySchedule Schedule => _host.Services.GetRequiredService<IWeeklySchedule>();

    public static Task<WeeklyQuartzHost> StartAsync(string folder, FakeTimeProvider time, RecordingRunner runner) =>
        StartAsync(new Dictionary<string, string?> { ["Data:Directory"] = folder },
            Stores.Sqlite(new SqliteStoreOptions(Path.Combine(folder, "dltbot.db")), time), time, runner);

    /// <summary>An instance with these settings (e.g. <c>Storage:Provider=Postgres</c>: a node of the clustered scheduler).</summary>
    public static async Task<WeeklyQuartzHost> StartAsync(Dictionary<string, string?> settings, Stores stores, FakeTimeProvider time, IWeeklyRunner runner)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(settings);
        await stores.Maintenance.MigrateAsync(TestContext.Current.CancellationToken);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(stores);
        builder.Services.AddSingleton<IWeeklyRunner>(runner);
        builder.Services.AddWeeklyScheduling(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new WeeklyQuartzHost(host, stores);
    }

    public IServiceProvider Services => _host.Services;

    public async Task<IScheduler> SchedulerAsync() =>
        await _host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(TestContext.Current.CancellationToken);

    /// <summary>Saves the guild's schedule and applies it, as <c>setup</c> does.</summary>
    public async Task<WeeklySettings> SetUpAsync(string guild, DayOfWeek day, TimeOnly time, string zone)
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = await Stores.Weekly.Settings.SaveAsync(guild, new WeeklySchedule("c-" + guild, day, time, zone, null, true, false), new Actor("m1", "mod"), ct);
        await Schedule.ApplyAsync(guild, settings, ct);
        return settings;
    }

    public async Task<ITrigger> TriggerAsync(string guild) =>
        await (await SchedulerAsync()).GetTrigger(new TriggerKey(guild, "weekly"), TestContext.Current.CancellationToken)
        ?? throw new InvalidOperationException($"guild {guild} has no trigger");

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}

/// <summary>The runner as the job sees it: every request is written to a channel the test reads.</summary>
internal sealed class RecordingRunner : IWeeklyRunner
{
    private readonly Channel<WeeklyRunRequest> _requests = Channel.CreateUnbounded<WeeklyRunRequest>();

    public Task<WeeklyRunOutcome> RunAsync(WeeklyRunRequest request, CancellationToken ct)
    {
        _requests.Writer.TryWrite(request);
        return Task.FromResult<WeeklyRunOutcome>(new WeeklyRunOutcome.NothingToPost("test"));
    }

    /// <summary>The next request; a generous timeout stands for "never came".</summary>
    public async Task<WeeklyRunRequest> NextAsync() =>
        await _requests.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

    public bool TryTake(out WeeklyRunRequest? request) => _requests.Reader.TryRead(out request);

    public Task<WeeklyPost?> PreviewAsync(string guild, DateTimeOffset runUtc, CancellationToken ct) => Task.FromResult<WeeklyPost?>(null);

    public Task RecoverAsync(CancellationToken ct) => Task.CompletedTask;
}
