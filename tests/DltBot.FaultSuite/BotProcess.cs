using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace DltBot.FaultSuite;

/// <summary>
/// One real bot: the built app (its launcher beside the suite, else <c>dotnet dltbot.dll</c>) in a process of its own,
/// configured only through environment variables, as a deployment configures it. Its console log is read line by line;
/// <see cref="Kill"/> is <c>kill -9</c>.
/// </summary>
public sealed partial class BotProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = Scenario.Safety };

    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BotProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public LineLog Log { get; } = new();

    /// <summary>Completes when the process has exited, with its exit code.</summary>
    public Task<int> Exited { get; private set; } = null!;

    public bool HasExited => Exited.IsCompleted;

    /// <summary>The address /healthz (and, in Http mode, /interactions) listens on; known once Kestrel is listening.</summary>
    public Task<Uri> Address => _address.Task;

    /// <summary>
    /// Starts the bot with <paramref name="settings"/> (configuration keys such as <c>Storage:Provider</c>) in a working
    /// directory of its own, which is also its data directory.
    /// </summary>
    public static BotProcess Start(string name, string directory, IReadOnlyDictionary<string, string?> settings)
    {
        var launcher = Path.Combine(AppContext.BaseDirectory, "dltbot");
        var start = File.Exists(launcher) ? new ProcessStartInfo(launcher) : new ProcessStartInfo("dotnet");
        if (!File.Exists(launcher)) start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dltbot.dll"));
        start.WorkingDirectory = directory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        // Nothing from the runner's own environment may configure the bot under test.
        foreach (var key in start.Environment.Keys.Where(IsBotSetting).ToList()) start.Environment.Remove(key);
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var bot = new BotProcess(name, process);
        process.OutputDataReceived += (_, e) => bot.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => bot.OnLine(e.Data is null ? null : "stderr: " + e.Data);
        if (!process.Start()) throw new InvalidOperationException($"bot {name} did not start");
        bot.Exited = bot.WatchExitAsync();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    private static bool IsBotSetting(string key) =>
        key.StartsWith("Discord__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Storage__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Data__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Catalog__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("PaperOfTheWeek__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Quartz__", StringComparison.OrdinalIgnoreCase);

    private async Task<int> WatchExitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        // WaitForExitAsync also waits for the redirected output to be read to its end.
        var code = _process.ExitCode;
        Log.Close($"bot {Name} (pid {Pid}) exited with {code}");
        _address.TrySetException(new InvalidOperationException($"bot {Name} exited with {code} before it listened"));
        return code;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        Log.Add(line);
        if (!_address.Task.IsCompleted && ListeningLine().Match(line) is { Success: true } m) _address.TrySetResult(new Uri(m.Groups[1].Value));
    }

    [GeneratedRegex(@"is listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    /// <summary>GET /healthz: the status and the body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> HealthAsync(CancellationToken ct)
    {
        using var response = await Http.GetAsync(new Uri(await Address, "/healthz"), ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>POSTs a request to this bot (the Http mode's /interactions); the response is the caller's to dispose.</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) => Http.SendAsync(request, ct);

    /// <summary><c>kill -9</c>: no shutdown, no goodbye; returns when the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await Exited.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (!HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            try { await Exited.WaitAsync(TimeSpan.FromSeconds(60)); } catch (TimeoutException) { }
        }
        var output = TestContext.Current.TestOutputHelper;
        if (output is not null)
        {
            output.WriteLine($"---- bot {Name} (pid {_process.Id}) ----");
            foreach (var line in Log.Lines) output.WriteLine(line);
        }
        _process.Dispose();
    }
}
