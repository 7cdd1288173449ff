using DltBot.Storage.Sql;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.Curation;

public enum StorageProvider { Sqlite, Postgres }

/// <summary>Section <c>Storage</c>: where moderators' changes are kept.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The connection string's key under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionName = "Dltbot";

    /// <summary><c>Sqlite</c> (the default: a file in Data:Directory) or <c>Postgres</c> (<c>ConnectionStrings:Dltbot</c>).</summary>
    public string Provider { get; set; } = nameof(StorageProvider.Sqlite);

    /// <summary>The <c>pg_dump</c> program <c>db backup</c> runs on PostgreSQL; empty looks on PATH and in /usr/lib/postgresql/*/bin.</summary>
    public string? PgDump { get; set; }

    /// <summary><c>ConnectionStrings:Dltbot</c>, copied here so the validator sees it (not bound from this section).</summary>
    public string? ConnectionString { get; internal set; }

    public StorageProvider ResolvedProvider => Enum.Parse<StorageProvider>(Provider.Trim(), ignoreCase: true);
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const string Key = $"ConnectionStrings:{StorageOptions.ConnectionName}";

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!Enum.TryParse<StorageProvider>(options.Provider?.Trim(), ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
            return ValidateOptionsResult.Fail($"Storage:Provider '{options.Provider}' is not a provider; use Sqlite or Postgres.");
        if (provider != StorageProvider.Postgres) return ValidateOptionsResult.Success;
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            return ValidateOptionsResult.Fail($"Storage:Provider 'Postgres' needs {Key}, e.g. Host=db;Database=dltbot;Username=dltbot;Password=….");
        return PostgresStoreOptions.FindProblem(options.ConnectionString) is { } problem
            ? ValidateOptionsResult.Fail($"{Key}: {problem}")
            : ValidateOptionsResult.Success;
    }
}
