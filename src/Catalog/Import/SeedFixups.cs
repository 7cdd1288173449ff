using System.Text.RegularExpressions;

namespace DltBot.Catalog.Import;

/// <summary>
/// Line-for-line repairs made before Markdig reads the document, for what the seed list's author clearly meant but
/// CommonMark reads otherwise. A repaired line stays on its line number, so every block Markdig finds maps back to the
/// lines as written (which are what the catalog keeps for export).
/// </summary>
internal static partial class SeedFixups
{
    /// <returns>The text Markdig should read for each line, and what had to be assumed.</returns>
    public static (IReadOnlyList<string> Lines, IReadOnlyList<ImportProblem> Problems) Apply(IReadOnlyList<MarkdownCatalogImporter.SourceLine> lines)
    {
        var result = new List<string>(lines.Count);
        var problems = new List<ImportProblem>();
        var openMarkers = new List<ListMarker>(); // the list items a following line can still belong to, outermost first
        var inSection = false;
        var previousBlank = true;
        foreach (var line in lines)
        {
            var text = line.Text;
            if (line.IsBlank)
            {
                result.Add(text);
                previousBlank = true;
                continue;
            }
            if (Heading().IsMatch(text))
            {
                inSection = true;
                openMarkers.Clear();
            }
            else if (ListMarker.Parse(text) is { } marker)
            {
                if (marker.Kind == MarkerKind.Numbered && marker.Number.EndsWith('+'))
                    text = NumberedPlus().Replace(text, "$1. ", 1); // "2+." is the author's "2, continued": an ordered item
                else if (marker.Kind == MarkerKind.Numbered && marker.ContentStart < text.Length && text[marker.ContentStart] == '['
                         && text[marker.ContentStart - 1] is '.' or ')')
                    text = text.Insert(marker.ContentStart, " "); // "1.[title](url)": CommonMark needs the space
                if (marker.Indent > 3 && inSection && openMarkers.Count == 0)
                {
                    // Indented four spaces with nothing above it CommonMark would read as code; the author meant an item.
                    problems.Add(new ImportProblem(line.Number, "indented list item with no entry above it; read as an entry"));
                    text = text.TrimStart();
                    marker = marker with { Indent = 0 };
                }
                while (openMarkers.Count > 0 && openMarkers[^1].Indent >= marker.Indent) openMarkers.RemoveAt(openMarkers.Count - 1);
                openMarkers.Add(marker);
            }
            else if (!previousBlank && openMarkers.Count > 1 && openMarkers[^1].Kind == MarkerKind.Bullet
                     && line.Indent == openMarkers[^1].Indent && StartsLikeAnItem(text.TrimStart()))
            {
                // Same indentation as the '+' sub-item above and not a wrapped sentence: the author left out the marker.
                problems.Add(new ImportProblem(line.Number, "sub-item has no '+' marker; read as a sub-item"));
                text = text.Insert(line.Indent, "+ ");
            }
            else if (previousBlank && line.Indent == 0)
            {
                openMarkers.Clear(); // a paragraph at the margin ends the list
            }
            result.Add(text);
            previousBlank = false;
        }
        return (result, problems);
    }

    /// <summary>A wrapped sentence goes on in lower case; an item starts with a capital, a digit, CJK or a link.</summary>
    private static bool StartsLikeAnItem(string text) =>
        text.Length > 0 && (char.IsUpper(text[0]) || char.IsDigit(text[0]) || text[0] == '[' || InlineText.IsWide(text[0]));

    [GeneratedRegex(@"^ {0,3}#{1,6}(?:[ \t]|$)")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^( *\d{1,4})\+\.")]
    private static partial Regex NumberedPlus();
}
