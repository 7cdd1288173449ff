using DltBot.Bot.Interactions;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace DltBot.Bot.Tests.Cluster;

/// <summary>Two instances of one deploy starting together on one PostgreSQL database: one registers the slash commands.</summary>
public sealed class RegistrationLockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Of_two_instances_starting_together_one_registers_and_the_other_skips()
    {
        await using var pg = await PostgresScratch.CreateAsync();
        using var harness = CommandHarness.Create();
        var options = new DiscordBotOptions { ApplicationId = "1100000000000000001" };
        var lifetime = new Mock<IHostApplicationLifetime>();
        lifetime.SetupGet(l => l.ApplicationStopping).Returns(CancellationToken.None);

        // The first instance's check with Discord is held open, so it holds the lock while the second starts.
        var discordAnswers = new TaskCompletionSource<IReadOnlyList<ApplicationCommand>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rest = new Mock<IDiscordRestClient>();
        rest.Setup(r => r.GetGlobalCommandsAsync(It.IsAny<ulong>(), It.IsAny<CancellationToken>()))
            .Returns(() => { asked.TrySetResult(); return discordAnswers.Task; });
        rest.Setup(r => r.BulkOverwriteGlobalCommandsAsync(It.IsAny<ulong>(), It.IsAny<IReadOnlyList<ApplicationCommand>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ulong _, IReadOnlyList<ApplicationCommand> commands, CancellationToken _) => commands);

        CommandRegistration Instance() => new(new CommandRegistrar(rest.Object, NullLogger<CommandRegistrar>.Instance), harness.Registry, lifetime.Object,
            NullLogger<CommandRegistration>.Instance, Stores.Postgres(new PostgresStoreOptions(pg.ConnectionString), TimeProvider.System).StartupLocks);

        var first = Instance();
        first.Start(options);
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var second = Instance();
        second.Start(options);

        Assert.Null(await second.Completion.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        discordAnswers.SetResult([]);
        Assert.Equal(RegistrationOutcome.Overwritten, await first.Completion.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        rest.Verify(r => r.GetGlobalCommandsAsync(It.IsAny<ulong>(), It.IsAny<CancellationToken>()), Times.Once);
        rest.Verify(r => r.BulkOverwriteGlobalCommandsAsync(It.IsAny<ulong>(), It.IsAny<IReadOnlyList<ApplicationCommand>>(), It.IsAny<CancellationToken>()), Times.Once);

        // A later start (a restart, the next deploy) takes the free lock and checks again.
        var later = Instance();
        later.Start(options);
        Assert.NotNull(await later.Completion.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        rest.Verify(r => r.GetGlobalCommandsAsync(It.IsAny<ulong>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }
}
