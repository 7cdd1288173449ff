using System.Data;
using System.Data.Common;
using DltBot.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace DltBot.Bot.Weekly;

/// <summary>
/// Quartz's connections to the bot's SQLite file: Microsoft.Data.Sqlite's, with each SQLite handle set, once, to sync
/// the write-ahead log only at checkpoints (<c>synchronous = NORMAL</c>) instead of at every commit. A scheduler commit
/// lost to a power cut (not to a crash of the process, which WAL survives either way) is a trigger that fires again or
/// a schedule applied again: the runner's claim, synced at every commit in the store, stops a second post, and the
/// start-up sync rewrites every trigger from the store. Quartz commits twice per fire (acquiring and firing, then
/// completing: a burst fires one trigger per acquisition, as each job's end frees one thread), and those syncs were
/// half the fsyncs of a weekly run; on this VM a sync costs about 75 µs of CPU.
/// </summary>
internal sealed class SqliteSchedulerConnections : DbProviderFactory
{
    public static readonly SqliteSchedulerConnections Instance = new();

    private static readonly SqliteHandleSetup HandleSetup = new("PRAGMA synchronous = NORMAL");

    private SqliteSchedulerConnections()
    {
    }

    public override DbConnection CreateConnection()
    {
        var connection = new SqliteConnection();
        connection.StateChange += OnStateChange;
        return connection;
    }

    public override DbCommand CreateCommand() => SqliteFactory.Instance.CreateCommand();

    public override DbParameter CreateParameter() => SqliteFactory.Instance.CreateParameter();

    public override DbConnectionStringBuilder CreateConnectionStringBuilder() => SqliteFactory.Instance.CreateConnectionStringBuilder();

    private static void OnStateChange(object sender, StateChangeEventArgs e)
    {
        if (e.CurrentState == ConnectionState.Open && sender is SqliteConnection connection) HandleSetup.EnsureOn(connection);
    }
}
