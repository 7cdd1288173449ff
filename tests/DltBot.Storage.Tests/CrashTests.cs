using System.Diagnostics;
using Dapper;

namespace DltBot.Storage.Tests;

/// <summary>
/// A writer process killed (SIGKILL, like kill -9) in the middle of its writes leaves every change whole: the file
/// passes the check and every logged change has its overlay row.
/// </summary>
public sealed class CrashTests() : StoreTest(StoreEngine.Sqlite)
{
    private TempDatabase SqliteDb => (TempDatabase)Db;

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(150)]
    [InlineData(400)]
    public async Task A_writer_killed_mid_write_leaves_a_database_that_passes_the_check(int killAfter)
    {
        var seen = await RunWriterAndKillAsync(killAfter);
        var again = await RunWriterAndKillAsync(killAfter); // a second crash on the recovered file

        var stores = Db.Open();
        var report = await stores.Maintenance.CheckAsync(Ct);
        Assert.True(report.Healthy, string.Join("\n", report.Findings));
        using var raw = SqliteDb.Raw();
        var logged = raw.ExecuteScalar<long>("SELECT COUNT(*) FROM entry_changes");
        Assert.True(logged >= seen + again, $"{logged} logged, but the writers reported {seen} + {again} commits");
        Assert.Equal(0, raw.ExecuteScalar<long>("""
            SELECT COUNT(*) FROM entry_changes c
            WHERE NOT EXISTS (SELECT 1 FROM guild_entries e WHERE e.guild = c.guild AND e.entry_id = c.entry_id AND e.last_sequence >= c.sequence)
            """));
        Log($"killed after {seen} and {again} reported commits; {logged} changes in the log, check passed");
    }

    /// <summary>Starts the writer, waits until it reported <paramref name="killAfter"/> commits, kills it; the last count seen.</summary>
    private async Task<int> RunWriterAndKillAsync(int killAfter)
    {
        using var process = Process.Start(WriterStart())!;
        var last = 0;
        try
        {
            while (last < killAfter && await process.StandardOutput.ReadLineAsync(Ct) is { } line)
                last = int.Parse(line["committed ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            if (last < killAfter)
                Assert.Fail($"the writer stopped after {last} commits: {await process.StandardError.ReadToEndAsync(Ct)}");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Ct);
        }
        return last;
    }

    /// <summary>The writer's own launcher beside the tests (the same runtime the tests use), else <c>dotnet writer.dll</c>.</summary>
    private ProcessStartInfo WriterStart()
    {
        var launcher = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "DltBot.Storage.CrashWriter.exe" : "DltBot.Storage.CrashWriter");
        var start = File.Exists(launcher) ? new ProcessStartInfo(launcher) : new ProcessStartInfo("dotnet");
        if (!File.Exists(launcher)) start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DltBot.Storage.CrashWriter.dll"));
        start.ArgumentList.Add(SqliteDb.Path_);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return start;
    }
}
