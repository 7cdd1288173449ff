using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Interactions;
using DltBot.Bot.Hosting;
using DltBot.Bot.Localization;
using DltBot.Bot.Shell;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DltBot.Bot.Tests;

/// <summary>
/// The command pipeline as the bot wires it (registry, runner, catalog views, Discord router), on a given catalog and
/// search, with no host and no transport. Commands run as the operator in <c>local</c> unless a test says otherwise.
/// </summary>
internal sealed class CommandHarness : IDisposable
{
    private readonly ServiceProvider services;

    private CommandHarness(ServiceProvider services) => this.services = services;

    public static CommandHarness Create(
        CatalogSnapshot? snapshot = null,
        Func<ReadingList, ICatalogSearch>? search = null,
        TimeProvider? time = null,
        Random? random = null,
        Action<IServiceCollection>? configure = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        collection.AddSingleton(time ?? TimeProvider.System);
        if (random is not null) collection.AddSingleton(random);
        collection.AddSingleton<ICatalogViews>(new CatalogViews(search ?? (_ => FakeSearch.Returning())));
        collection.AddCommandPipeline();
        collection.AddDiscordSurface();
        configure?.Invoke(collection);
        var harness = new CommandHarness(collection.BuildServiceProvider());
        if (snapshot is not null) harness.Catalogs.Publish(snapshot);
        // Built now, as a host builds it at start: commands that remember their start (about's uptime) start here.
        _ = harness.Registry;
        return harness;
    }

    public IServiceProvider Services => services;

    public CommandRegistry Registry => services.GetRequiredService<CommandRegistry>();

    public ICatalogViews Catalogs => services.GetRequiredService<ICatalogViews>();

    public CommandRunner Runner => services.GetRequiredService<CommandRunner>();

    public InteractionRouter Router => services.GetRequiredService<InteractionRouter>();

    /// <summary>Runs <c>/dlt &lt;name&gt;</c> with named option values (null values are left out).</summary>
    public Reply Run(string name, Language language, params (string Name, string? Value)[] options) =>
        Run(DltCommandSet.Path(name), language, options);

    public Reply Run(CommandPath path, Language language, params (string Name, string? Value)[] options) =>
        Run(path, RawArguments.Of(options), Invocation.Local(language));

    public Reply Run(CommandPath path, RawArguments raw, Invocation invocation)
    {
        var command = Registry.Find(path) ?? throw new InvalidOperationException($"{path} is not registered.");
        return Runner.RunAsync(command, raw, invocation, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Runs a shell line as the console shell would.</summary>
    public Reply? Line(string line, Language language = Language.English) => new ShellLineParser(Registry).Parse(line, language) switch
    {
        ShellInput.Command command => Runner.RunAsync(command.Target, command.Arguments, Invocation.Local(language), CancellationToken.None)
            .AsTask().GetAwaiter().GetResult(),
        ShellInput.Invalid invalid => invalid.Error,
        _ => null,
    };

    public void Dispose() => services.Dispose();
}
