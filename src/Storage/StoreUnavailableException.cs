namespace DltBot.Storage;

/// <summary>
/// The database cannot be used (locked, read-only, full, missing, damaged, too new). The message is one line for the
/// moderator or the operator; the provider's exception is the inner one.
/// </summary>
public class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The database was migrated by a newer build; this one refuses to touch it.</summary>
public sealed class DatabaseTooNewException(string database, int found, int known)
    : StoreUnavailableException(
        $"{database} has schema version {found}, newer than this build's {known}; run a newer dltbot or restore a backup made for version {known}.")
{
    public int Found { get; } = found;
    public int Known { get; } = known;
}
