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
    /// The store (SQLite at <c>&lt;Data:Directory&gt;/dltbot.db</c> unless <c>ConnectionStrings:Dltbot</c> names another
    /// file), the curator access policy, the arXiv client and the <c>/dlt-mod</c> commands. A <see cref="Stores"/> registered before is
    /// kept (tests give their own file).
    /// </summary>
    public static IServiceCollection AddCuration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.TryAddSingleton(sp =>
        {
            var data = sp.GetRequiredService<IOptions<DataOptions>>().Value.Directory;
            var connection = configuration.GetConnectionString(StorageOptions.ConnectionName);
            var path = string.IsNullOrWhiteSpace(connection)
                ? Path.Combine(Path.GetFullPath(data), "dltbot.db")
                : new SqliteConnectionStringBuilder(connection).DataSource;
            return Stores.Sqlite(new SqliteStoreOptions(path), sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton(sp => sp.GetRequiredService<Stores>().Entries);
        services.TryAddSingleton(sp => sp.GetRequiredService<Stores>().CuratorRoles);
        services.TryAddSingleton(sp => sp.GetRequiredService<Stores>().Maintenance);
        services.TryAddSingleton<Curator>();
        services.TryAddSingleton<CuratorAccessPolicy>();
        // The curator policy replaces the plain permission check, whichever was registered first.
        services.Replace(ServiceDescriptor.Singleton<ICommandAccessPolicy>(sp => sp.GetRequiredService<CuratorAccessPolicy>()));
        services.AddArxiv(configuration);
        services.AddModCommands();
        return services;
    }
}
