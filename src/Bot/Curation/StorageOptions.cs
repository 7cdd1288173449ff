using Microsoft.Extensions.Options;

namespace DltBot.Bot.Curation;

public enum StorageProvider { Sqlite, Postgres }

/// <summary>Section <c>Storage</c>: where moderators' changes are kept.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The connection string's key under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionName = "Dltbot";

    /// <summary><c>Sqlite</c> (the default: a file in Data:Directory) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = nameof(StorageProvider.Sqlite);

    public StorageProvider ResolvedProvider => Enum.Parse<StorageProvider>(Provider.Trim(), ignoreCase: true);
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
        Enum.TryParse<StorageProvider>(options.Provider?.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider == StorageProvider.Postgres
                ? ValidateOptionsResult.Fail("Storage:Provider 'Postgres' is not available in this build yet; use Sqlite.")
                : ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Storage:Provider '{options.Provider}' is not a provider; use Sqlite or Postgres.");
}
