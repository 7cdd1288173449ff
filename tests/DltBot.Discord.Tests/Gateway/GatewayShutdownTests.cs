using DltBot.Discord.Gateway;
using DltBot.Discord.Tests.Gateway.Fakes;
using Microsoft.Extensions.Hosting;

namespace DltBot.Discord.Tests.Gateway;

public sealed class GatewayShutdownTests
{
    [Fact]
    public async Task A_fatal_close_stops_the_application_so_the_process_exits_with_the_fix()
    {
        var lifetime = new RecordingLifetime();
        await using var harness = new GatewayHarness(lifetime: lifetime);
        await harness.Client.StartAsync(TestContext.Current.CancellationToken);
        var connection = await harness.Transports.NextConnectionAsync();
        connection.ServerHello();
        await connection.NextSentWithOpAsync(2);

        connection.ServerClose(4004);

        await lifetime.StopRequested.WithTimeout();
        Assert.Contains("bot token", harness.Client.FatalError!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retryable_close_does_not_stop_the_application()
    {
        var lifetime = new RecordingLifetime();
        await using var harness = new GatewayHarness(lifetime: lifetime);
        var connection = await harness.StartReadyAsync();

        connection.ServerClose(4000);
        var next = await harness.Transports.NextConnectionAsync();

        Assert.NotNull(next);
        Assert.False(lifetime.StopRequested.IsCompleted);
    }

    [Fact]
    public async Task Stopped_is_logged_once_however_often_the_host_stops_and_disposes()
    {
        var harness = new GatewayHarness();
        await harness.StartReadyAsync();

        await harness.Client.StopAsync(TestContext.Current.CancellationToken);
        await harness.Client.StopAsync(TestContext.Current.CancellationToken);
        await harness.DisposeAsync();
        await harness.Client.DisposeAsync();

        Assert.Single(harness.Logger.Lines, line => line.Contains("GatewayStopped", StringComparison.Ordinal));
    }

    private sealed class RecordingLifetime : IHostApplicationLifetime
    {
        private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task StopRequested => _stop.Task;

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stop.TrySetResult();
    }
}
