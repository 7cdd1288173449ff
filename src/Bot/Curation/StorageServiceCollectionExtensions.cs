using DltBot.Bot.Arxiv;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Configuration;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.Curation;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The store (<c>Storage:Provider</c>: SQLite at <c>&lt;Data:Directory&gt;/dltbot.db</c> unless
    /// <c>ConnectionStrings:Dltbot</c> names another file, or PostgreSQL at <c>ConnectionStrings:Dltbot</c>), the curator
    /// access policy, the arXiv client and the <c>/dlt-mod</c> commands. A <see cref="Stores"/> registered before is
    /// kept (tests give their own file).
    /// </summary>
    public static IServiceCollection AddCuration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .Configure(o => o.ConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.TryAddSingleton(sp => OpenStores(
            configuration, sp.GetRequiredService<IOptions<DataOptions>>().Value.Directory, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<Stores>().Entries);
        services.TryAddSingleton(sp => sp.GetRequiredService<Stores>().CuratorRoles);
        services.TryAddSingleton(sp => sp.GetRequiredService<Stores>().Maintenance);
        services.TryAddSingleton(sp => sp.GetRequiredService<Stores>().StartupLocks);
        services.TryAddSingleton<Curator>();
        services.TryAddSingleton<StoreReachability>();
        // Runs only in hosts that start (shell, Discord), after the catalog is loaded; silent on SQLite.
        services.AddHostedService<CatalogChangeListener>();
        services.TryAddSingleton<CuratorAccessPolicy>();
        // The curator policy replaces the plain permission check, whichever was registered first.
        services.Replace(ServiceDescriptor.Singleton<ICommandAccessPolicy>(sp => sp.GetRequiredService<CuratorAccessPolicy>()));
        services.AddArxiv(configuration);
        services.AddModCommands();
        return services;
    }

    /// <summary>
    /// The one place the provider is chosen. It reads the settings without validating them: the commands are built
    /// (with their stores) before the CLI and the host validate, and a bad setting must end there as one line, not
    /// here as a stack trace. Nothing is opened before that validation.
    /// </summary>
    private static Stores OpenStores(IConfiguration configuration, string dataDirectory, TimeProvider time)
    {
        var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var connection = configuration.GetConnectionString(StorageOptions.ConnectionName);
        var postgres = Enum.TryParse<StorageProvider>(options.Provider?.Trim(), ignoreCase: true, out var provider) && provider == StorageProvider.Postgres;
        if (postgres)
            return Stores.Postgres(new PostgresStoreOptions(connection ?? "", PgDump: string.IsNullOrWhiteSpace(options.PgDump) ? null : options.PgDump), time);
        var path = string.IsNullOrWhiteSpace(connection)
            ? Path.Combine(Path.GetFullPath(dataDirectory), "dltbot.db")
            : new SqliteConnectionStringBuilder(connection).DataSource;
        return Stores.Sqlite(new SqliteStoreOptions(path), time);
    }
}
