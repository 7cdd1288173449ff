using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace DltBot.FaultSuite;

/// <summary>
/// A throw-away PostgreSQL cluster of the suite's own (initdb in a temp folder, a free port on 127.0.0.1), so a case can
/// stop and restart the server without touching anybody else's. The server binaries are found as <c>.ci/run</c> finds
/// them (pg_ctl on PATH, else the newest /usr/lib/postgresql/*/bin); PostgreSQL refuses to run as root, so as root every
/// server command runs as the <c>postgres</c> user through <c>runuser</c>.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string Superuser = "postgres";

    private static readonly Lazy<(string? Bin, string? Reason)> Binaries = new(FindBinaries);

    private readonly string _bin;
    private readonly string _root;
    private readonly string _password;

    private PostgresCluster(string bin, string root, string password, int port)
    {
        _bin = bin;
        _root = root;
        _password = password;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Why no cluster can be made here (no server binaries, no postgres user); null when one can.</summary>
    public static string? UnavailableReason => Binaries.Value.Reason;

    /// <summary>The server's admin connection (database <c>postgres</c>), never pooled so a stop leaves nothing stale behind.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    public string ConnectionString(string database, string? applicationName = null) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = Superuser,
        Password = _password,
        ApplicationName = applicationName,
        Timeout = 10,
    }.ConnectionString;

    /// <summary>initdb and start; skips the calling test (with the reason) when PostgreSQL is not installed here.</summary>
    public static async Task<PostgresCluster> StartAsync(CancellationToken ct)
    {
        if (UnavailableReason is { } reason) Assert.Skip(reason);
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException(UnavailableReason);
        var bin = Binaries.Value.Bin!;
        var root = Directory.CreateTempSubdirectory("dltbot-faults-pg-").FullName;
        File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await File.WriteAllTextAsync(Path.Combine(root, "password"), password, ct);
        Directory.CreateDirectory(Path.Combine(root, "socket"));
        if (IsRoot) await RunAsync("chown", ["-R", Superuser, root], asPostgres: false, ct);

        await RunAsync(Path.Combine(bin, "initdb"),
            ["-D", Path.Combine(root, "data"), "-U", Superuser, "--auth=scram-sha-256", $"--pwfile={Path.Combine(root, "password")}",
             "--encoding=UTF8", "--locale=C", "--no-sync"], asPostgres: true, ct);

        // A port found free can be taken before the server binds it; another one is tried then.
        for (var attempt = 1; ; attempt++)
        {
            var cluster = new PostgresCluster(bin, root, password, FreePort());
            try
            {
                await cluster.StartServerAsync(ct);
                return cluster;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>A fresh database (C collation, as the store's tests assume) and its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ConnectionString);
        await admin.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'", admin);
        await create.ExecuteNonQueryAsync(ct);
        return ConnectionString(name);
    }

    /// <summary>Fast shutdown (every session is terminated, as in a real restart or crash of the server); returns when it is down.</summary>
    public Task StopServerAsync(CancellationToken ct) =>
        RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], asPostgres: true, ct);

    /// <summary>Starts the server on the same port and returns when it accepts connections.</summary>
    public Task StartServerAsync(CancellationToken ct) =>
        RunAsync(Path.Combine(_bin, "pg_ctl"),
            ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o",
             $"-p {Port} -k {Path.Combine(_root, "socket")} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
             "start"], asPostgres: true, ct);

    public async Task RestartServerAsync(CancellationToken ct)
    {
        await StopServerAsync(ct);
        await StartServerAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "60", "stop"], asPostgres: true, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already stopped (a case that ended while the server was down).
        }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string DataDirectory => Path.Combine(_root, "data");

    private static bool IsRoot => Environment.UserName == "root";

    private static (string? Bin, string? Reason) FindBinaries()
    {
        if (!OperatingSystem.IsLinux()) return (null, "the fault suite needs PostgreSQL's server binaries on Linux; this is not Linux.");
        string? bin = null;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "pg_ctl")).FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            var real = new FileInfo(onPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? onPath;
            var dir = Path.GetDirectoryName(real)!;
            if (File.Exists(Path.Combine(dir, "initdb"))) bin = dir;
        }
        if (bin is null && Directory.Exists("/usr/lib/postgresql"))
        {
            bin = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Major: int.TryParse(Path.GetFileName(d), out var m) ? m : -1, Bin: Path.Combine(d, "bin")))
                .Where(d => File.Exists(Path.Combine(d.Bin, "pg_ctl")) && File.Exists(Path.Combine(d.Bin, "initdb")))
                .OrderByDescending(d => d.Major)
                .Select(d => d.Bin)
                .FirstOrDefault();
        }
        if (bin is null)
            return (null, "PostgreSQL's server binaries (pg_ctl, initdb) are not installed (not on PATH, not in /usr/lib/postgresql/*/bin); " +
                          "the fault suite starts and stops a private cluster of its own and needs them (apt-get install postgresql).");
        if (IsRoot && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser") && !File.Exists("/usr/bin/runuser"))
            return (null, "running as root, the private PostgreSQL cluster must run as the postgres user, and runuser is missing.");
        if (IsRoot && !File.ReadLines("/etc/passwd").Any(l => l.StartsWith(Superuser + ":", StringComparison.Ordinal)))
            return (null, "running as root, the private PostgreSQL cluster must run as the postgres user, which does not exist (the postgresql package creates it).");
        return (bin, null);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Runs a command to its end; a non-zero exit throws with what it printed.</summary>
    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken ct)
    {
        var start = asPostgres && IsRoot ? new ProcessStartInfo("runuser") : new ProcessStartInfo(program);
        if (asPostgres && IsRoot)
        {
            foreach (var a in new[] { "-u", Superuser, "--", program }) start.ArgumentList.Add(a);
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        // pg_ctl's server inherits the working directory; the postgres user must be able to enter it.
        start.WorkingDirectory = "/";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error} {await output}".Trim());
    }
}
