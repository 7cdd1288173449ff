using System.Text;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Tests;

/// <summary>
/// The README's repair example runs on Fixtures/mojibake-sample.md: a few lines in the list's style, damaged the way
/// the seed was (UTF-8 read through windows-1254, the bytes it does not define dropped, saved again as UTF-8).
/// </summary>
public sealed class RepairSampleTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
    private readonly string root = Directory.CreateTempSubdirectory("dltbot-repair-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void The_sample_is_damaged_like_the_seed()
    {
        var damaged = File.ReadAllText(Path.Combine(Fixtures, "mojibake-sample.md"), Encoding.UTF8);
        Assert.DoesNotContain(damaged, c => c is >= '\u4E00' and <= '\u9FFF');
        Assert.Contains("Recent advances in deep learning theory", damaged);
        Assert.True(MarkdownCatalogParser.MayBeMojibake(damaged));
    }

    [Fact]
    public async Task Catalog_repair_restores_the_sample_exactly()
    {
        var output = Path.Combine(root, "repaired.md");
        var (code, stdout, stderr) = await InProcessCli.RunAsync("", new BotHostSettings
        {
            Paths = new AppPaths(root),
            Configuration = c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Data:Directory"] = Path.Combine(root, "data"), ["Bot:Locale"] = "en-US" }),
            Logging = l => l.ClearProviders(),
        }, "catalog", "repair", Path.Combine(Fixtures, "mojibake-sample.md"), "--output", output);

        Assert.Equal((0, ""), (code, stderr));
        Assert.Contains("windows-1254", stdout);
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(Fixtures, "mojibake-sample.expected.md"), TestContext.Current.CancellationToken),
            await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
    }
}
