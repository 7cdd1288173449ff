using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DltBot.Catalog.Import;

/// <summary>A piece of an item's text: plain text, a Markdown link, or a bare URL.</summary>
internal abstract record InlineToken;

internal sealed record TextToken(string Text) : InlineToken;

/// <param name="Bare">A URL written without Markdown link syntax.</param>
internal sealed record LinkToken(string Text, string Url, bool Bare) : InlineToken;

/// <summary>Problem found while scanning, at an offset of the scanned text.</summary>
internal sealed record InlineProblem(int Offset, string Message);

/// <summary>
/// Reads links out of an item's text. Hand-written instead of Markdig's inline parser because the list breaks CommonMark
/// in ways the author clearly meant as links: targets broken across two lines, doubled parentheses, spaces around the target.
/// </summary>
internal static partial class InlineScanner
{
    public static (IReadOnlyList<InlineToken> Tokens, IReadOnlyList<InlineProblem> Problems) Scan(string text)
    {
        var blanked = BlankHtmlComments(text);
        var tokens = new List<InlineToken>();
        var problems = new List<InlineProblem>();
        var plain = new StringBuilder();
        var i = 0;
        while (i < blanked.Length)
        {
            // Images are not reading-list links; they stay text.
            if (blanked[i] == '[' && (i == 0 || blanked[i - 1] != '!'))
            {
                if (TryReadLink(blanked, i, out var link, out var end, out var note))
                {
                    FlushText(plain, tokens);
                    tokens.Add(link);
                    if (note is not null) problems.Add(new InlineProblem(i, note));
                    i = end;
                    continue;
                }
                if (LooksLikeBrokenLink(blanked, i))
                    problems.Add(new InlineProblem(i, "link target is not closed; kept as text"));
            }
            plain.Append(blanked[i]);
            i++;
        }
        FlushText(plain, tokens);
        return (SplitBareUrls(tokens), problems);
    }

    /// <summary>Comments are replaced by spaces so offsets and line numbers stay valid.</summary>
    private static string BlankHtmlComments(string text) =>
        HtmlComment().Replace(text, m => new string(m.Value.Select(c => c == '\n' ? '\n' : ' ').ToArray()));

    private static void FlushText(StringBuilder plain, List<InlineToken> tokens)
    {
        if (plain.Length == 0) return;
        tokens.Add(new TextToken(plain.ToString()));
        plain.Clear();
    }

    private static bool LooksLikeBrokenLink(string s, int start)
    {
        var close = FindLabelEnd(s, start);
        return close > 0 && close + 1 < s.Length && s[close + 1] == '(';
    }

    private static int FindLabelEnd(string s, int start)
    {
        var depth = 0;
        for (var j = start; j < s.Length; j++)
        {
            var c = s[j];
            if (c == '\\') { j++; continue; }
            if (c == '\n' && j + 1 < s.Length && s[j + 1] == '\n') return -1;
            if (c == '[') depth++;
            else if (c == ']' && --depth == 0) return j;
        }
        return -1;
    }

    private static bool TryReadLink(string s, int start, out LinkToken link, out int end, out string? note)
    {
        link = null!;
        end = start;
        note = null;
        var close = FindLabelEnd(s, start);
        if (close < 0 || close + 1 >= s.Length || s[close + 1] != '(') return false;
        var label = s[(start + 1)..close];
        var p = close + 2;
        SkipSpaces(s, ref p);
        var doubled = p < s.Length && s[p] == '(';
        if (doubled) { p++; SkipSpaces(s, ref p); }

        var url = new StringBuilder();
        var broken = false;
        var depth = 0;
        while (p < s.Length)
        {
            var c = s[p];
            if (c == '(') depth++;
            else if (c == ')')
            {
                if (depth == 0) break;
                depth--;
            }
            else if (c == '\n')
            {
                // The author's editor wrapped the URL: the next line carries on with it up to the closing parenthesis.
                var q = p + 1;
                SkipSpaces(s, ref q);
                if (url.Length == 0 || !ContinuesUrl(s, q)) return false;
                broken = true;
                p = q;
                continue;
            }
            else if (c is ' ' or '\t')
            {
                var q = p;
                SkipSpaces(s, ref q);
                if (q < s.Length && s[q] == ')') { p = q; continue; }
                if (q < s.Length && s[q] is '"' or '\'')
                {
                    var quote = s[q];
                    var endQuote = s.IndexOf(quote, q + 1);
                    if (endQuote < 0) return false;
                    p = endQuote + 1;
                    SkipSpaces(s, ref p);
                    continue;
                }
                return false;
            }
            url.Append(c);
            p++;
        }
        if (p >= s.Length || url.Length == 0) return false;
        p++; // the closing parenthesis
        if (doubled)
        {
            SkipSpaces(s, ref p);
            if (p >= s.Length || s[p] != ')') return false;
            p++;
        }
        end = p;
        link = new LinkToken(label, url.ToString(), Bare: false);
        var notes = new List<string>();
        if (broken) notes.Add("link target is broken across lines; joined");
        if (doubled) notes.Add("link target is wrapped in doubled parentheses; read as one");
        note = notes.Count == 0 ? null : $"{string.Join("; ", notes)} ({link.Url})";
        return true;
    }

    private static bool ContinuesUrl(string s, int q)
    {
        for (var j = q; j < s.Length; j++)
        {
            if (s[j] == ')') return j > q;
            if (char.IsWhiteSpace(s[j])) return false;
        }
        return false;
    }

    private static void SkipSpaces(string s, ref int p)
    {
        while (p < s.Length && s[p] is ' ' or '\t') p++;
    }

    private static List<InlineToken> SplitBareUrls(List<InlineToken> tokens)
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

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"https?://[^\s<>\[\]()（）「」，。；！？、“”""]+")]
    private static partial Regex BareUrl();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?:\d+[.)]\s|[+*-]\s|（\d+）|\(\d+\)|>)")]
    private static partial Regex ListLine();
}
