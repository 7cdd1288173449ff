using System.Globalization;
using System.Text;
using System.Text.Json;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Hosting;
using DltBot.Bot.Localization;
using DltBot.Bot.Upstream;
using DltBot.Catalog.Curation;

namespace DltBot.Bot.Cli;

/// <summary>
/// <c>dltbot catalog diff OLD NEW</c>: what changed from one list to another (files or URLs), entry by entry by id, as
/// <see cref="CatalogDiff"/> computes it for the upstream refresh. Unlike the bot's own load, a URL that cannot be
/// fetched is an error here, never a silent fall back to a cached or bundled copy: the diff would be of something else.
/// </summary>
internal sealed class CatalogDiffCli(CatalogLoader loader, UpstreamFetcher fetcher, TextWriter output, TextWriter error)
{
    private static readonly CommandText NotFound = new("{0} '{1}' was not found.", "找不到{0}「{1}」。");
    private static readonly CommandText CannotFetch = new("Cannot fetch {0} {1}: {2}.", "无法获取{0} {1}：{2}。");
    private static readonly CommandText NotCatalog = new("{0} {1} {2}.", "{0} {1} {2}。");
    private static readonly CommandText Same = new("No differences between {0} and {1} ({2} entries).", "{0} 与 {1} 没有差别（{2} 个条目）。");
    private static readonly CommandText Summary = new("{0} → {1}: {2} added, {3} removed, {4} edited.", "{0} → {1}：新增 {2}，删除 {3}，修改 {4}。");
    private static readonly CommandText OldSide = new("OLD", "旧书单"), NewSide = new("NEW", "新书单");

    public async Task<int> RunAsync(string oldSource, string newSource, bool json, Language language, CancellationToken cancellationToken)
    {
        var before = await LoadAsync(oldSource, OldSide.In(language), language, cancellationToken);
        if (before is null) return ExitCodes.Failure;
        var after = await LoadAsync(newSource, NewSide.In(language), language, cancellationToken);
        if (after is null) return ExitCodes.Failure;

        var diff = CatalogDiff.Between(before.List, after.List);
        if (json)
        {
            output.WriteLine(Json(diff));
            return ExitCodes.Success;
        }
        if (diff.IsEmpty)
        {
            output.WriteLine(Format(language, Same, before.Source, after.Source, after.List.AllEntries().Count()));
            return ExitCodes.Success;
        }
        output.WriteLine(Format(language, Summary, before.Source, after.Source, diff.Added.Count, diff.Removed.Count, diff.Edited.Count));
        foreach (var added in diff.Added) output.WriteLine($"+ {added.Id}  “{added.Title}”  [{added.Topic}]");
        foreach (var removed in diff.Removed) output.WriteLine($"- {removed.Id}  “{removed.Title}”  [{removed.Topic}]");
        foreach (var edited in diff.Edited)
        {
            var title = edited.Old.Title == edited.New.Title ? $"“{edited.New.Title}”" : $"“{edited.Old.Title}” → “{edited.New.Title}”";
            output.WriteLine($"~ {edited.Id}  {title}  ({UpstreamCheckSource.FieldNames(edited.Fields, language)})");
        }
        return ExitCodes.Success;
    }

    /// <returns>The list, or null once the error is written.</returns>
    private async Task<CatalogSnapshot?> LoadAsync(string source, string side, Language language, CancellationToken cancellationToken)
    {
        switch (CatalogSource.Parse(source))
        {
            case CatalogSource.Url { Address: var url }:
                var fetched = await fetcher.FetchAsync(url, null, cancellationToken);
                if (fetched is UpstreamFetch.Failed failed)
                {
                    error.WriteLine(Format(language, CannotFetch, side, SourceNames.ForLog(url), failed.Reason));
                    return null;
                }
                try
                {
                    return loader.ParseFetched(url, ((UpstreamFetch.Fetched)fetched).Body);
                }
                catch (NotACatalogException e)
                {
                    error.WriteLine(Format(language, NotCatalog, side, SourceNames.ForLog(url), e.Problem));
                    return null;
                }
            case CatalogSource.File { Path: var path }:
                if (loader.ResolveFile(path) is null)
                {
                    error.WriteLine(Format(language, NotFound, side, Path.GetFullPath(path)));
                    return null;
                }
                try
                {
                    return await loader.LoadAsync(path, cancellationToken);
                }
                catch (CatalogLoadException e)
                {
                    error.WriteLine($"{side}: {e.Message}");
                    return null;
                }
            default:
                error.WriteLine($"{side}: '{SourceNames.ForLog(source)}' is neither a file nor an http(s) URL.");
                return null;
        }
    }

    private static string Json(CatalogDiff diff)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            WriteEntries(writer, "added", diff.Added);
            WriteEntries(writer, "removed", diff.Removed);
            writer.WriteStartArray("edited");
            foreach (var edited in diff.Edited)
            {
                writer.WriteStartObject();
                writer.WriteString("id", edited.Id);
                writer.WriteString("title", edited.New.Title);
                writer.WriteString("oldTitle", edited.Old.Title);
                writer.WriteString("topic", edited.New.Topic);
                writer.WriteStartArray("fields");
                foreach (var field in edited.Fields) writer.WriteStringValue(JsonNamingPolicy.CamelCase.ConvertName(field.ToString()));
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteEntries(Utf8JsonWriter writer, string name, IEnumerable<DiffEntry> entries)
    {
        writer.WriteStartArray(name);
        foreach (var entry in entries)
        {
            writer.WriteStartObject();
            writer.WriteString("id", entry.Id);
            writer.WriteString("title", entry.Title);
            writer.WriteString("topic", entry.Topic);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static string Format(Language language, CommandText text, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, text.In(language), args);
}
