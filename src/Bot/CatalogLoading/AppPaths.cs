namespace DltBot.Bot.CatalogLoading;

/// <summary>Where the binary and its bundled files live (tests point it at a temporary folder).</summary>
public sealed record AppPaths(string ApplicationDirectory)
{
    public static AppPaths Default { get; } = new(AppContext.BaseDirectory);
}
