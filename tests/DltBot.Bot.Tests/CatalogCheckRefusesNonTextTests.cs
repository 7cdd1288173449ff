using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Tests;

/// <summary><c>dltbot catalog check --input FILE</c> fails (exit 1) for a file that is not a catalog, with the reason on stderr.</summary>
public sealed class CatalogCheckRefusesNonTextTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("dltbot-check-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private Task<(int Code, string Out, string Err)> Check(string input) =>
        InProcessCli.RunAsync("", new BotHostSettings
        {
            Paths = new AppPaths(root),
            Configuration = c => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Data:Directory"] = Path.Combine(root, "data"),
                ["Discord:Token"] = "",
                ["Bot:Locale"] = "en-US",
            }),
            Logging = l => l.ClearProviders(),
        }, "catalog", "check", "--input", input);

    [Theory]
    [InlineData("random.bin", "contains NUL bytes")]
    [InlineData("empty.md", "is empty")]
    [InlineData("garbage.md", "has no section with a linked entry")]
    [InlineData("latin1.md", "is not valid UTF-8")]
    public async Task A_file_that_is_not_a_catalog_exits_one_and_says_why(string name, string problem)
    {
        var path = Path.Combine(root, name);
        byte[] bytes = name switch
        {
            "random.bin" => RandomBytes(),
            "empty.md" => [],
            "garbage.md" => "# Hello\n\nsome *words*\n\n1. an item without a link\n"u8.ToArray(),
            _ => [(byte)'#', (byte)' ', 0xDC, (byte)'\n'],
        };
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);

        var (code, output, error) = await Check(path);

        Assert.Equal((1, ""), (code, output));
        Assert.Contains(path, error);
        Assert.Contains(problem, error);
    }

    private static byte[] RandomBytes()
    {
        var bytes = new byte[8192];
        new Random(839).NextBytes(bytes);
        return bytes;
    }
}
