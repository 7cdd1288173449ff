using System.Text;
using System.Text.Json;
using DltBot.Bot.Tests.Fakes;

namespace DltBot.Bot.Tests.Upstream;

/// <summary><c>dltbot catalog diff OLD NEW</c> in-process, over files and a fake origin on 127.0.0.1.</summary>
public sealed class CatalogDiffCliTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("dltbot-diff-cli-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(root, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private Task<(int Code, string Out, string Err)> Run(params string[] args) => InProcessCli.RunAsync("", InProcessCli.InFolder(root), args);

    [Fact]
    public async Task Two_files_give_added_removed_and_edited_entries_by_id()
    {
        var old = Write("old.md", UpstreamLists.Old);
        var @new = Write("new.md", UpstreamLists.New);

        var (code, output, error) = await Run("catalog", "diff", old, @new);

        Assert.Equal((0, ""), (code, error));
        Assert.Equal(
            [
                $"{old} → {@new}: 1 added, 2 removed, 3 edited.",
                "+ example-org-new  “Brand new”  [Overview]",
                "- example-org-gone  “Going away”  [Overview]",
                "- example-org-dropped  “Quietly dropped”  [Overview]",
                "~ example-org-sub  “A sub-item” → “A sub-item, renamed”  (title)",
                "~ arxiv:2207.04630  “Old title” → “New title”  (title)",
                "~ example-org-course  “A course”  (other links, note)",
            ],
            output.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task A_url_against_a_file_as_json()
    {
        await using var origin = await FakeOrigin.StartAsync(TestContext.Current.CancellationToken);
        origin.Serve(UpstreamLists.New, DateTimeOffset.UnixEpoch);
        var old = Write("old.md", UpstreamLists.Old);

        var (code, output, _) = await Run("catalog", "diff", old, origin.Url, "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["example-org-new"], json.RootElement.GetProperty("added").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        var edited = json.RootElement.GetProperty("edited").EnumerateArray().Single(e => e.GetProperty("id").GetString() == "arxiv:2207.04630");
        Assert.Equal(["title"], edited.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("Old title", edited.GetProperty("oldTitle").GetString());
    }

    [Fact]
    public async Task The_same_list_twice_says_so()
    {
        var old = Write("old.md", UpstreamLists.Old);
        var (code, output, _) = await Run("catalog", "diff", old, old);
        Assert.Equal(0, code);
        Assert.Equal($"No differences between {old} and {old} (6 entries).", output.TrimEnd());
    }

    [Fact]
    public async Task A_url_that_fails_is_an_error_naming_the_side_not_a_diff_against_a_fallback()
    {
        await using var origin = await FakeOrigin.StartAsync(TestContext.Current.CancellationToken);
        origin.Fail(404);
        var old = Write("old.md", UpstreamLists.Old);

        var (code, output, error) = await Run("catalog", "diff", old, origin.Url);

        Assert.Equal((1, ""), (code, output));
        Assert.Equal($"Cannot fetch NEW {origin.Url}: HTTP 404 Not Found.", error.TrimEnd());
    }

    [Fact]
    public async Task A_missing_file_and_a_file_that_is_not_a_catalog_are_errors_naming_the_side()
    {
        var old = Write("old.md", UpstreamLists.Old);
        var binary = Path.Combine(root, "list.bin");
        await File.WriteAllBytesAsync(binary, [0x23, 0x00, 0x01], TestContext.Current.CancellationToken);

        var missing = await Run("catalog", "diff", Path.Combine(root, "nope.md"), old);
        var notCatalog = await Run("catalog", "diff", old, binary);

        Assert.Equal(1, missing.Code);
        Assert.Equal($"OLD '{Path.Combine(root, "nope.md")}' was not found.", missing.Err.TrimEnd());
        Assert.Equal(1, notCatalog.Code);
        Assert.StartsWith("NEW: The catalog ", notCatalog.Err);
        Assert.Contains("NUL bytes", notCatalog.Err);
    }
}
