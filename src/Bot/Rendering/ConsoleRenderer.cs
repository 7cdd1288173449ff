using System.Globalization;
using DltBot.Bot.Commands;
using DltBot.Bot.Localization;

namespace DltBot.Bot.Rendering;

/// <summary>Writes replies as readable terminal text: tables for lists, a card for one entry, one line for an error.</summary>
public static class ConsoleRenderer
{
    private const int TitleWidth = 72;
    private const int SnippetWidth = 150;

    public static void Render(Reply reply, TextWriter output)
    {
        switch (reply)
        {
            case TopicListReply topics: Topics(topics, output); break;
            case EntryListReply list: Entries(list, output); break;
            case EntryCardReply card: Card(card, output); break;
            case InfoReply info: Info(info, output); break;
            case ErrorReply error: output.WriteLine(error.Message); break;
            // The text alone, so that `dltbot dlt-mod export > list.md` gives the file.
            case FileReply file: output.Write(file.Text); break;
            // Commands ask text surfaces for options instead of forms; a form that gets here still reads sensibly.
            case FormReply form: output.WriteLine(form.Form.Title + ": " + string.Join(", ", form.Form.Fields.Select(f => f.Label))); break;
            default: throw new ArgumentOutOfRangeException(nameof(reply), reply, "A reply type without a console rendering.");
        }
    }

    private static void Topics(TopicListReply reply, TextWriter output)
    {
        var language = reply.Language;
        output.WriteLine(reply.Title);
        var number = reply.Topics.Count.ToString(CultureInfo.InvariantCulture).Length;
        var nameWidth = Math.Max(TextWidth.Of(Strings.Get(language, TextKey.LabelTopic)), reply.Topics.Select(t => TextWidth.Of(t.Name)).DefaultIfEmpty(0).Max());
        var otherWidth = Math.Max(TextWidth.Of(Strings.Get(language, TextKey.LabelChineseName)), reply.Topics.Select(t => TextWidth.Of(t.OtherName)).DefaultIfEmpty(0).Max());
        var countLabel = Strings.Get(language, TextKey.LabelEntries);
        output.WriteLine($"  {new string(' ', number)}  {TextWidth.PadRight(Strings.Get(language, TextKey.LabelTopic), nameWidth)}  {TextWidth.PadRight(Strings.Get(language, TextKey.LabelChineseName), otherWidth)}  {countLabel}");
        for (var i = 0; i < reply.Topics.Count; i++)
        {
            var topic = reply.Topics[i];
            var position = (i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(number);
            output.WriteLine($"  {position}  {TextWidth.PadRight(topic.Name, nameWidth)}  {TextWidth.PadRight(topic.OtherName, otherWidth)}  {TextWidth.PadLeft(topic.Entries.ToString(CultureInfo.InvariantCulture), TextWidth.Of(countLabel))}");
        }
    }

    private static void Entries(EntryListReply reply, TextWriter output)
    {
        var language = reply.Language;
        output.WriteLine(reply.Title);
        var isSearch = reply.Query is not null;
        for (var i = 0; i < reply.Rows.Count; i++)
        {
            var row = reply.Rows[i];
            // Rows are numbered by their place in the list, across pages; the source list's own numbers ("7.", "10.")
            // would read as a count that does not match the footer. The card (show) keeps the source number.
            var marker = (reply.Page.Offset + i + 1).ToString(CultureInfo.InvariantCulture) + ".";
            var year = row.Year is { } y ? $" ({y})" : "";
            var children = row.ChildCount > 0 ? $"  [+{row.ChildCount}]" : "";
            output.WriteLine($"  {marker.PadLeft(4)} {TextWidth.Truncate(row.Title, TitleWidth)}{year}{children}");
            var details = new List<string> { row.Id };
            if (isSearch) details.Add(row.Topic);
            if (row.Score is { } score) details.Add($"{Strings.Get(language, TextKey.LabelScore)} {score.ToString("0.00", CultureInfo.InvariantCulture)}");
            output.WriteLine($"       {string.Join(" · ", details)}");
            if (row.Url is not null) output.WriteLine($"       {row.Url}");
            if (!string.IsNullOrWhiteSpace(row.Snippet)) output.WriteLine($"       {TextWidth.Truncate(OneLine(row.Snippet), SnippetWidth)}");
        }
        if (reply.Rows.Count > 0)
            output.WriteLine(Strings.Get(language, TextKey.PageFooter, reply.Page.Page, reply.Page.PageCount, reply.Page.Total));
        foreach (var note in reply.Notes) output.WriteLine(note);
    }

    private static void Card(EntryCardReply reply, TextWriter output)
    {
        var language = reply.Language;
        var card = reply.Card;
        if (reply.Heading is not null) output.WriteLine(reply.Heading);
        output.WriteLine(card.Title);
        var fields = new List<(string Label, string Value)>
        {
            (Strings.Get(language, TextKey.LabelId), card.Id),
            (Strings.Get(language, TextKey.LabelLink), card.Url ?? Strings.Get(language, TextKey.NoLink)),
        };
        if (card.Year is { } year) fields.Add((Strings.Get(language, TextKey.LabelYear), year.ToString(CultureInfo.InvariantCulture)));
        fields.Add((Strings.Get(language, TextKey.LabelTopic), card.Topic));
        var others = card.Links.Where(l => l.Url != card.Url).Select(l => $"{l.Text} <{l.Url}>").ToList();
        if (others.Count > 0) fields.Add((Strings.Get(language, TextKey.LabelLinks), string.Join("  ", others)));

        var labelWidth = fields.Max(f => TextWidth.Of(f.Label)) + 1;
        foreach (var (label, value) in fields) output.WriteLine($"  {TextWidth.PadRight(label + ":", labelWidth)} {value}");

        output.WriteLine();
        var description = string.IsNullOrWhiteSpace(card.Description) ? Strings.Get(language, TextKey.NoDescription) : card.Description.Trim();
        foreach (var line in description.Split('\n')) output.WriteLine("  " + line.TrimEnd('\r'));

        if (card.Children.Count == 0) return;
        output.WriteLine();
        output.WriteLine($"  {Strings.Get(language, TextKey.LabelChildren)}:");
        foreach (var child in card.Children) Child(child, output, "    ");
    }

    private static void Child(EntryCard child, TextWriter output, string indent)
    {
        var number = child.Number.Length > 0 ? child.Number + " " : "";
        var link = child.Url is not null ? $" <{child.Url}>" : "";
        var text = child.Title;
        var description = OneLine(child.Description);
        if (description.StartsWith(child.Title.Trim(), StringComparison.Ordinal)) text = description;
        else if (description.Length > 0) text = $"{text} — {description}";
        output.WriteLine($"{indent}- {number}{text}{link}");
        foreach (var grandchild in child.Children) Child(grandchild, output, indent + "  ");
    }

    private static void Info(InfoReply reply, TextWriter output)
    {
        output.WriteLine(reply.Title);
        if (reply.Fields.Count > 0)
        {
            var labelWidth = reply.Fields.Max(f => TextWidth.Of(f.Label)) + 1;
            foreach (var field in reply.Fields) output.WriteLine($"  {TextWidth.PadRight(field.Label + ":", labelWidth)} {field.Value}");
        }
        foreach (var line in reply.Lines) output.WriteLine("  " + line);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
