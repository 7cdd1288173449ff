using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DltBot.Storage.Sql;

/// <summary>
/// Settings of a SQLite handle that no Microsoft.Data.Sqlite keyword sets (PRAGMAs), run once per handle: the pool keeps
/// handles open between uses, so a pooled open finds its handle set up and runs nothing.
/// </summary>
public sealed class SqliteHandleSetup(string sql)
{
    private static readonly object Done = new();
    private readonly ConditionalWeakTable<sqlite3, object> _setUp = new();

    /// <summary>Runs the setup on <paramref name="connection"/>'s handle unless it has run there already.</summary>
    public void EnsureOn(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        if (_setUp.TryGetValue(handle, out _)) return;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        _setUp.AddOrUpdate(handle, Done);
    }
}
