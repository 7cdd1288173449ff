namespace DltBot.Bench;

internal static class Repo
{
    public static string BundledCatalogPath => Path.Combine(Root(), "catalog", "deep-learning-theory.md");

    private static string Root()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "DltBot.sln")))
                    return dir.FullName;
        throw new InvalidOperationException("DltBot.sln not found above the bench binary or the working directory.");
    }
}
