using System.Text.RegularExpressions;

namespace DltBot.Catalog.Import;

internal enum MarkerKind { Numbered, Bullet, Missing }

/// <summary>The start of a list item: <c>2.</c>, <c>2)</c>, <c>2+.</c>, <c>+</c>, <c>-</c>, <c>*</c>, with its indentation.</summary>
/// <param name="Number">The number as written, without the dot; for bullets the <c>6.1</c> that follows the marker, if any.</param>
/// <param name="ContentStart">Index in the line where the item's text begins.</param>
/// <param name="ContentColumn">Indentation that a continuation paragraph needs to belong to this item.</param>
internal sealed partial record ListMarker(MarkerKind Kind, int Indent, string Number, int ContentStart, int ContentColumn)
{
    public static ListMarker? Parse(string line)
    {
        var numbered = NumberedMarker().Match(line);
        if (numbered.Success)
            return new ListMarker(MarkerKind.Numbered, numbered.Groups[1].Length, numbered.Groups[2].Value,
                numbered.Length, ContentColumnOf(numbered.Groups[1].Length + numbered.Groups[2].Length + 1, numbered.Groups[3].Length));
        var bullet = BulletMarker().Match(line);
        if (!bullet.Success) return null;
        var indent = bullet.Groups[1].Length;
        var column = ContentColumnOf(indent + 1, bullet.Groups[2].Length);
        var subNumber = SubNumber().Match(line, bullet.Length);
        return subNumber.Success && subNumber.Index == bullet.Length
            ? new ListMarker(MarkerKind.Bullet, indent, subNumber.Groups[1].Value, bullet.Length + subNumber.Length, column)
            : new ListMarker(MarkerKind.Bullet, indent, "", bullet.Length, column);
    }

    /// <summary>A line whose marker was left out: its text starts at its indentation.</summary>
    public static ListMarker Missing(string line)
    {
        var indent = line.Length - line.TrimStart().Length;
        return new ListMarker(MarkerKind.Missing, indent, "", indent, indent);
    }

    // CommonMark: more than four spaces after the marker start an indented code block, so the content column is marker + 1.
    private static int ContentColumnOf(int markerEnd, int spaces) => markerEnd + (spaces is >= 1 and <= 4 ? spaces : 1);

    [GeneratedRegex(@"^( *)(\d{1,4}\+?)[.)]([ \t]+|(?=\[)|$)")]
    private static partial Regex NumberedMarker();

    [GeneratedRegex(@"^( *)[+*-]([ \t]+|$)")]
    private static partial Regex BulletMarker();

    [GeneratedRegex(@"\G(\d+(?:\.\d+)+)\.?(?:[ \t]+|$)")]
    private static partial Regex SubNumber();
}
