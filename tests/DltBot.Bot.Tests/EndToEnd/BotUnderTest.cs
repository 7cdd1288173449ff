using System.Text.Json;
using DltBot.Bot.Cli;
using DltBot.Bot.Interactions;
using DltBot.Bot.Hosting;
using DltBot.Discord.Gateway;
using DltBot.Discord.Json;
using DltBot.Discord.Models;
using DltBot.FakeDiscord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Tests.EndToEnd;

/// <summary>
/// The real bot, started the way a user starts it (<see cref="CliApp"/> with no arguments), in-process, pointed at a
/// <see cref="FakeDiscordServer"/> on 127.0.0.1 through configuration overrides.
/// </summary>
internal sealed class BotUnderTest : IAsyncDisposable
{
    // Shaped like a bot token; not a real one.
    public const string Token = "MTA4NTE0MDgxNDAwNDIyNDAwNw.GxYz12.abcdefghijklmnopqrstuvwxyz012345678";
    // Only a guard against a hang: a green run never waits on it, and a busy CI machine can start a host slowly.
    public static readonly TimeSpan Safety = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource _stop;

    private BotUnderTest(Task<int> run, CancellationTokenSource stop, IServiceProvider services, Uri address, StringWriter error)
    {
        Run = run;
        _stop = stop;
        Services = services;
        Address = address;
        Error = error;
    }

    public Task<int> Run { get; }
    public IServiceProvider Services { get; }
    public Uri Address { get; }
    public StringWriter Error { get; }

    public static async Task<BotUnderTest> StartAsync(
        FakeDiscordServer fake, string dataDirectory, string mode = "Gateway", string? publicKey = null,
        Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        var (run, stop, started, error) = Launch(fake, dataDirectory, mode, publicKey, services, settings, logs);
        var first = await Task.WhenAny(started.Task, run).WaitAsync(Safety);
        if (first == run)
            throw new InvalidOperationException($"The bot exited with {run.Result} before it was up: {error}");
        var (provider, addresses) = await started.Task;
        return new BotUnderTest(run, stop, provider, new Uri(addresses[0]), error);
    }

    /// <summary>Starts a bot and returns its run task (for start-up failures).</summary>
    public static (Task<int> Run, CancellationTokenSource Stop, TaskCompletionSource<(IServiceProvider, IReadOnlyList<string>)> Started, StringWriter Error) Launch(
        FakeDiscordServer fake, string dataDirectory, string mode = "Gateway", string? publicKey = null,
        Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        var started = new TaskCompletionSource<(IServiceProvider, IReadOnlyList<string>)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var config = new Dictionary<string, string?>
        {
            ["Discord:Mode"] = mode,
            ["Discord:Token"] = Token,
            ["Discord:ApplicationId"] = fake.Options.ApplicationId,
            ["Discord:ApiBaseUrl"] = fake.RestBaseUrl,
            ["Discord:PublicKey"] = publicKey,
            ["Discord:Urls"] = "http://127.0.0.1:0",
            ["Data:Directory"] = dataDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
            // The bundled list's links are real URLs: a test bot never starts the weekly link check (a week's clock jump
            // would), since tests never reach the internet; the check is tested against the fake web.
            ["LinkCheck:Schedule"] = "",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;

        var hostSettings = new BotHostSettings
        {
            Configuration = c => c.AddInMemoryCollection(config),
            Logging = l =>
            {
                l.ClearProviders();
                if (logs is not null) l.AddProvider(logs);
            },
            Services = s =>
            {
                s.AddSingleton<IDiscordAppObserver>(new Observer(started));
                s.AddSingleton<IGatewayReconnectDelay>(new ImmediateGatewayReconnectDelay());
                services?.Invoke(s);
            },
        };
        var error = new StringWriter();
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => new CliApp(TextReader.Null, TextWriter.Null, error, hostSettings).RunAsync([], stop.Token));
        return (run, stop, started, error);
    }

    /// <summary>Asks the bot to stop (as SIGTERM does) and returns its run task, without waiting for it.</summary>
    public Task<int> BeginStop()
    {
        _stop.Cancel();
        return Run;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(Safety);
        _stop.Dispose();
    }

    private sealed class Observer(TaskCompletionSource<(IServiceProvider, IReadOnlyList<string>)> started) : IDiscordAppObserver
    {
        public void OnStarted(IServiceProvider services, IReadOnlyList<string> addresses) => started.TrySetResult((services, addresses));
    }

    public static string Json(Interaction interaction) => JsonSerializer.Serialize(interaction, DiscordJsonContext.Default.Interaction);

    /// <summary>
    /// The answer as the user sees it: the callback, or when the bot deferred (this machine may be slow), the edit that
    /// followed, reported with the type it stands for (5 then edit = 4, 6 then edit = 7); with the files it carried.
    /// </summary>
    public static async Task<Answer> AnswerAsync(FakeDiscordServer fake, Interaction interaction, CancellationToken cancellationToken)
    {
        var waiting = fake.Rest.WaitForCallbackAsync(interaction.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        var edit = fake.Rest.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains(interaction.Token, StringComparison.Ordinal), cancellationToken);
        await fake.Gateway.SendInteractionAsync(Json(interaction), cancellationToken);
        var request = await waiting.WaitAsync(Safety, cancellationToken);
        var callback = Callback(request);
        if (callback.Type is not (InteractionCallbackType.DeferredChannelMessageWithSource or InteractionCallbackType.DeferredUpdateMessage))
            return new Answer(callback, request.Files);

        var edited = await edit.WaitAsync(Safety, cancellationToken);
        var message = JsonSerializer.Deserialize(edited.Body, DiscordJsonContext.Default.MessageEditRequest)!;
        return new Answer(new InteractionResponse
        {
            Type = callback.Type == InteractionCallbackType.DeferredUpdateMessage ? InteractionCallbackType.UpdateMessage : InteractionCallbackType.ChannelMessageWithSource,
            Data = new InteractionCallbackData { Content = message.Content, Embeds = message.Embeds, Components = message.Components, Flags = callback.Data?.Flags },
        }, edited.Files);
    }

    public static InteractionResponse Callback(RecordedRequest request) =>
        JsonSerializer.Deserialize(request.Body, DiscordJsonContext.Default.InteractionResponse)!;
}

/// <summary>
/// Every log line at every level, with exceptions, for checks such as "no secret is ever logged". A line reads
/// <c>Level Category[EventName]: message exception</c>.
/// </summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Done)> _waiters = [];

    public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    /// <summary>Completes when a matching line is (or already was) logged; event-driven, no polling.</summary>
    public Task<string> WaitForAsync(Func<string, bool> match)
    {
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (Lines.FirstOrDefault(match) is { } seen) return Task.FromResult(seen);
            _waiters.Add((match, done));
        }
        return done.Task;
    }

    private void Add(string line)
    {
        lock (_waiters)
        {
            Lines.Enqueue(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                waiter.Done.TrySetResult(line);
                _waiters.Remove(waiter);
            }
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add($"{logLevel} {category}[{eventId.Name}]: {formatter(state, exception)} {exception}");
    }
}

/// <summary>An interaction's answer as the user sees it, and the files attached to it.</summary>
internal sealed record Answer(InteractionResponse Response, IReadOnlyList<RecordedFile> Files);
