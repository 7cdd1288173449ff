using System.Globalization;
using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;
using DltBot.Catalog;
using DltBot.Catalog.Model;

namespace DltBot.Bot.Curation;

/// <summary>
/// The checks a moderator's values pass before anything is stored, each with an error that names the field: the same
/// rules whether they came from options, a modal or the shell.
/// </summary>
public static class EntryInput
{
    public const int UrlMaxLength = 2048, TitleMaxLength = 256, NoteMaxLength = 1000, ReasonMaxLength = 512;

    private static readonly CommandText BadUrl = new("url \"{0}\" is not an absolute http(s) link", "url「{0}」不是完整的 http(s) 链接");
    private static readonly CommandText LongUrl = new("url is too long: {0} characters, at most {1}", "url 太长：{0} 个字符，最多 {1} 个");
    private static readonly CommandText EmptyTitle = new("title is empty; give the entry a title of 1 to 256 characters", "title 为空；标题需要 1 到 256 个字符");
    private static readonly CommandText LongTitle = new("title is too long: {0} characters, at most {1}", "title 太长：{0} 个字符，最多 {1} 个");
    private static readonly CommandText ControlTitle = new("title contains control characters (such as a line break); write it on one line", "title 含有控制字符（例如换行）；请写在一行内");
    private static readonly CommandText BadYear = new("year {0} is out of range; use a year from 1900 to {1}", "year {0} 超出范围；年份需在 1900 到 {1} 之间");
    private static readonly CommandText LongNote = new("note is too long: {0} characters, at most {1}", "note 太长：{0} 个字符，最多 {1} 个");
    private static readonly CommandText LongReason = new("reason is too long: {0} characters, at most {1}", "reason 太长：{0} 个字符，最多 {1} 个");
    private static readonly CommandText UnknownTopic = new("topic \"{0}\" is not a topic of this server's list; closest: {1}", "topic「{0}」不是本服务器书单里的主题；最接近的有：{1}");
    private static readonly CommandText UnknownTopicNone = new("topic \"{0}\" is not a topic of this server's list; /dlt topics lists them", "topic「{0}」不是本服务器书单里的主题；用 /dlt topics 查看全部主题");

    /// <summary>An absolute http(s) URL; a bare arXiv id becomes its abs page.</summary>
    public static string? Url(string text, Language language, out ErrorReply? error)
    {
        error = null;
        var trimmed = text.Trim();
        if (!trimmed.Contains("://", StringComparison.Ordinal) && Arxiv.ArxivIds.TryParse(trimmed, out var arxivId))
            trimmed = "https://arxiv.org/abs/" + arxivId;
        if (trimmed.Length > UrlMaxLength)
        {
            error = Error(language, LongUrl, trimmed.Length, UrlMaxLength);
            return null;
        }
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || trimmed.Any(char.IsWhiteSpace))
        {
            error = Error(language, BadUrl, Clip(trimmed));
            return null;
        }
        return trimmed;
    }

    public static string? Title(string text, Language language, out ErrorReply? error)
    {
        error = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0) error = Error(language, EmptyTitle);
        else if (trimmed.Length > TitleMaxLength) error = Error(language, LongTitle, trimmed.Length, TitleMaxLength);
        else if (trimmed.Any(char.IsControl)) error = Error(language, ControlTitle);
        return error is null ? trimmed : null;
    }

    public static int? Year(int year, DateTimeOffset now, Language language, out ErrorReply? error)
    {
        var latest = now.Year + 1;
        error = year is >= 1900 && year <= latest ? null : Error(language, BadYear, year, latest);
        return error is null ? year : null;
    }

    public static string? Note(string text, Language language, out ErrorReply? error)
    {
        var trimmed = text.Trim();
        error = trimmed.Length > NoteMaxLength ? Error(language, LongNote, trimmed.Length, NoteMaxLength) : null;
        return error is null ? trimmed : null;
    }

    public static string? Reason(string? text, Language language, out ErrorReply? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        if (trimmed.Length > ReasonMaxLength) error = Error(language, LongReason, trimmed.Length, ReasonMaxLength);
        return error is null ? trimmed : null;
    }

    /// <summary>The section a topic names, in either language; the error lists the closest names.</summary>
    public static Section? Topic(ReadingList list, string name, Language language, out ErrorReply? error)
    {
        error = null;
        if (TopicLookup.Find(list, name) is { } section) return section;
        var close = TopicLookup.Suggest(list, name);
        error = close.Count == 0
            ? Error(language, UnknownTopicNone, Clip(name))
            : Error(language, UnknownTopic, Clip(name), Strings.JoinList(language, close));
        return null;
    }

    private static ErrorReply Error(Language language, CommandText text, params object[] args) =>
        new(language, ErrorKind.BadOption, string.Format(CultureInfo.InvariantCulture, text.In(language), args), []);

    private static string Clip(string text) => text.Length <= 80 ? text : text[..79] + "…";
}
