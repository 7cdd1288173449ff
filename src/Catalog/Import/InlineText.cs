using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DltBot.Catalog.Import;

/// <summary>A piece of an item's text: plain text, a Markdown link, or a bare URL.</summary>
internal abstract record InlineToken;

internal sealed record TextToken(string Text) : InlineToken;

/// <param name="Bare">A URL written without Markdown link syntax.</param>
internal sealed record LinkToken(string Text, string Url, bool Bare) : InlineToken;

/// <summary>Turns the tokens Markdig's inlines give into the readable text the catalog keeps.</summary>
internal static partial class InlineText
{
    /// <summary>Markdown-readable text: links as <c>[text](url)</c>, HTML removed, wrapped lines joined.</summary>
    public static string ToMarkdownText(IEnumerable<InlineToken> tokens) =>
        NormalizeLines(string.Concat(tokens.Select(t => t switch
        {
            TextToken x => StripHtml(x.Text),
            LinkToken { Bare: true } l => l.Url,
            LinkToken l => $"[{NormalizeLines(StripHtml(l.Text))}]({l.Url})",
            _ => "",
        })));

    /// <summary>Words only: link texts kept, URLs dropped (years are looked for here, never inside URLs).</summary>
    public static string ToWordsOnly(IEnumerable<InlineToken> tokens) =>
        NormalizeLines(string.Concat(tokens.Select(t => t switch
        {
            TextToken x => StripHtml(x.Text),
            LinkToken { Bare: true } => " ",
            LinkToken l => StripHtml(l.Text),
            _ => "",
        })));

    /// <summary>
    /// URLs written as plain text are links too; CommonMark leaves them as text (it only knows <c>&lt;…&gt;</c>), and
    /// the list writes them after Chinese text with no space, where an autolink extension would swallow the sentence.
    /// </summary>
    public static List<InlineToken> SplitBareUrls(IEnumerable<InlineToken> tokens)
    {
        var result = new List<InlineToken>();
        foreach (var token in tokens)
        {
            if (token is not TextToken text)
            {
                result.Add(token);
                continue;
            }
            var last = 0;
            foreach (Match m in BareUrl().Matches(text.Text))
            {
                var url = m.Value.TrimEnd('.', ',', ';', ':', '!', '?', '\'', '"');
                if (m.Index > last) result.Add(new TextToken(text.Text[last..m.Index]));
                result.Add(new LinkToken(url, url, Bare: true));
                last = m.Index + url.Length;
            }
            if (last < text.Text.Length) result.Add(new TextToken(text.Text[last..]));
        }
        return result;
    }

    /// <summary>CommonMark's backslash escapes read back: <c>\]</c> is <c>]</c> (only before ASCII punctuation).</summary>
    public static string Unescape(string text) => text.Contains('\\', StringComparison.Ordinal) ? BackslashEscape().Replace(text, "$1") : text;

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])", RegexOptions.CultureInvariant)]
    private static partial Regex BackslashEscape();

    public static string StripHtml(string text) => WebUtility.HtmlDecode(HtmlTag().Replace(text, ""));

    /// <summary>Joins soft-wrapped lines (without a space between CJK characters), keeps list lines and paragraphs apart.</summary>
    public static string NormalizeLines(string text)
    {
        var lines = text.Replace("\r", "").Split('\n').Select(l => Spaces().Replace(l, " ").Trim()).ToList();
        var sb = new StringBuilder();
        var pendingBlank = false;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                pendingBlank = sb.Length > 0;
                continue;
            }
            if (sb.Length > 0)
            {
                if (pendingBlank) sb.Append("\n\n");
                else if (ListLine().IsMatch(line)) sb.Append('\n');
                else if (!IsWide(sb[^1]) && !IsWide(line[0])) sb.Append(' ');
            }
            sb.Append(line);
            pendingBlank = false;
        }
        return sb.ToString();
    }

    /// <summary>CJK characters and full-width punctuation: a line break between them is not a space.</summary>
    public static bool IsWide(char c) =>
        c is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF' or >= '\u3000' and <= '\u303F';

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"https?://[^\s<>\[\]()（）「」，。；！？、“”""]+")]
    private static partial Regex BareUrl();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?:\d+[.)]\s|[+*-]\s|（\d+）|\(\d+\)|>)")]
    private static partial Regex ListLine();
}
