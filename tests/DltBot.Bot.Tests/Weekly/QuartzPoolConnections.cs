using DltBot.Bot.Weekly;
using Microsoft.Data.Sqlite;

namespace DltBot.Bot.Tests.Weekly;

/// <summary>
/// Plain connections on Quartz's connection string, more at once than its pool holds idle: the handles Quartz opened are
/// among them (any beyond those are new). Disposing returns them to the pool.
/// </summary>
internal sealed class QuartzPoolConnections : IAsyncDisposable
{
    private const int MoreThanThePoolHolds = 12;

    private QuartzPoolConnections(IReadOnlyList<SqliteConnection> all) => All = all;

    public IReadOnlyList<SqliteConnection> All { get; }

    public static async Task<QuartzPoolConnections> TakeAsync(string database)
    {
        var taken = new List<SqliteConnection>();
        try
        {
            for (var i = 0; i < MoreThanThePoolHolds; i++)
            {
                var connection = new SqliteConnection(WeeklyJobStore.SqliteConnectionString(database));
                taken.Add(connection);
                await connection.OpenAsync(TestContext.Current.CancellationToken);
            }
            return new QuartzPoolConnections(taken);
        }
        catch
        {
            foreach (var connection in taken) await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in All) await connection.DisposeAsync();
    }
}
