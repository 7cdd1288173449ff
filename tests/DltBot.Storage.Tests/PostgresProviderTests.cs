using System.Net;
using System.Net.Sockets;
using DltBot.Storage.Sql;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace DltBot.Storage.Tests;

/// <summary>The PostgreSQL provider's own rules, without a server: how errors read, what is retried, what is shown.</summary>
public sealed class PostgresProviderTests
{
    private static readonly PostgresProvider Provider =
        new(new PostgresStoreOptions("Host=db.example;Port=5433;Database=dltbot;Username=bot;Password=s3cret"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PostgresException Server(string sqlState, string message = "message from the server") =>
        new(message, "FATAL", "FATAL", sqlState);

    [Theory]
    [InlineData("57P01", "shutting down or restarting")]
    [InlineData("57P03", "shutting down or restarting")]
    [InlineData("25006", "read-only")]
    [InlineData("53100", "disk is full")]
    [InlineData("55P03", "locked by another writer")]
    [InlineData("40001", "kept conflicting")]
    [InlineData("3D000", "does not exist")]
    [InlineData("28P01", "refused the login")]
    [InlineData("XX001", "restore a backup")]
    [InlineData("42P01", "42P01 message from the server")]
    public void Server_errors_become_one_line_that_names_the_database_and_what_it_was_doing(string sqlState, string expected)
    {
        var error = Provider.Translate(Server(sqlState), "adding a for guild g");

        Assert.NotNull(error);
        Assert.Contains(expected, error.Message);
        Assert.StartsWith("PostgreSQL database dltbot on db.example:5433 adding a for guild g: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.IsType<PostgresException>(error.InnerException);
    }

    [Fact]
    public void Only_serialization_failures_and_deadlocks_are_retried()
    {
        Assert.True(Provider.IsTransient(Server("40001")));
        Assert.True(Provider.IsTransient(Server("40P01")));
        Assert.False(Provider.IsTransient(Server("57P01")));
        Assert.False(Provider.IsTransient(Server("23505")));
        Assert.False(Provider.IsTransient(new InvalidOperationException("40001")));
    }

    [Fact]
    public void Errors_that_are_not_the_databases_are_left_alone()
    {
        Assert.Null(Provider.Translate(new InvalidOperationException("a bug"), "reading"));
        Assert.Null(Provider.Translate(new ArgumentException("bad input"), "reading"));
    }

    [Fact]
    public void The_password_never_shows_in_what_names_the_database()
    {
        Assert.Equal("PostgreSQL database dltbot on db.example:5433", Provider.Describe);
        Assert.DoesNotContain("s3cret", Provider.Translate(Server("53100"), "x")!.Message);
    }

    [Theory]
    [InlineData("Hots=x;Nonsense", "not valid")]
    [InlineData(" ", "empty")]
    public async Task A_connection_string_that_is_not_one_makes_every_use_unavailable_with_what_is_wrong(string connectionString, string expected)
    {
        var stores = Stores.Postgres(new PostgresStoreOptions(connectionString), new FakeTimeProvider());

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => stores.Entries.GetOverlayAsync("g", Ct));

        Assert.Contains("PostgreSQL connection string", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal(error.Message.Split(':', 2)[1].Trim(), PostgresStoreOptions.FindProblem(connectionString));
        Assert.Null(PostgresStoreOptions.FindProblem("Host=db;Database=dltbot;Username=bot"));
    }

    [Fact]
    public async Task A_server_that_refuses_the_connection_is_unavailable_not_a_crash()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now

        var stores = Stores.Postgres(new PostgresStoreOptions($"Host=127.0.0.1;Port={port};Database=dltbot;Username=bot;Timeout=5"),
            new FakeTimeProvider());
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => stores.Entries.GetOverlayAsync("g", Ct));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("cannot be reached", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
