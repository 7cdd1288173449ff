using System.Globalization;
using System.Text;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Interactions;

/// <summary>
/// Packs paging state into a Discord custom_id (at most 100 characters) so buttons keep working after a restart
/// without any server-side store. Format, version 1 (numbers in base 36, free text last so it may contain '|'):
/// <c>dlt1|s|page|requester|topic|years|kind|query</c>, <c>dlt1|t|page|requester|topic</c>, <c>dlt1|o|requester</c>.
/// </summary>
public static class CustomIdCodec
{
    public const int MaxLength = 100;
    public const string Prefix = "dlt1";
    private const int WidestPage = 36 * 36 - 1;
    private const char Separator = '|';

    public static string Encode(ComponentState state) => state switch
    {
        SearchPageState s => EncodeSearch(s),
        TopicPageState t => Fit(Join("t", ToBase36(t.Page), ToBase36(t.RequesterId), Clean(t.Topic))),
        EntryPickState o => Join("o", ToBase36(o.RequesterId)),
        _ => throw new ArgumentException($"No custom_id form for {state.GetType().Name}.", nameof(state)),
    };

    /// <summary>
    /// The longest query that still fits a search custom_id with these filters. The command runs with this query from the
    /// first page on, so every page shows results for the same text.
    /// </summary>
    public static string FitQuery(SearchPageState state)
    {
        // Sized for the widest page number we expect, so every page of one search carries the same query.
        var head = SearchHead(state with { Page = Math.Max(state.Page, WidestPage) });
        var room = MaxLength - head.Length;
        return TextFit.Truncate(state.Query, Math.Max(room, 0));
    }

    public static bool TryDecode(string? customId, out ComponentState? state)
    {
        state = null;
        if (string.IsNullOrEmpty(customId) || customId.Length > MaxLength || !customId.StartsWith(Prefix + Separator, StringComparison.Ordinal))
            return false;
        var parts = customId.Split(Separator);
        try
        {
            state = parts[1] switch
            {
                "s" when parts.Length >= 8 => new SearchPageState(
                    checked((int)FromBase36(parts[2])), FromBase36(parts[3]), string.Join(Separator, parts[7..]),
                    NullIfEmpty(parts[4]), DecodeYears(parts[5]), DecodeKind(parts[6])),
                "t" when parts.Length == 5 => new TopicPageState(checked((int)FromBase36(parts[2])), FromBase36(parts[3]), parts[4]),
                "o" when parts.Length == 3 => new EntryPickState(FromBase36(parts[2])),
                _ => null,
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            state = null;
        }
        return state is not null;
    }

    private static string EncodeSearch(SearchPageState s)
    {
        var id = SearchHead(s) + s.Query;
        return id.Length <= MaxLength ? id : SearchHead(s) + FitQuery(s);
    }

    private static string SearchHead(SearchPageState s) => Join(
        "s", ToBase36(s.Page), ToBase36(s.RequesterId), Clean(s.Topic ?? ""),
        s.Years is { } y ? $"{y.From}-{y.To}" : "", s.Kind is { } k ? ((int)k).ToString(CultureInfo.InvariantCulture) : "") + Separator;

    private static string Join(params string[] fields) => Prefix + Separator + string.Join(Separator, fields);

    private static string Fit(string id) => id.Length <= MaxLength
        ? id
        : throw new ArgumentException($"custom_id would be {id.Length} characters; the limit is {MaxLength}.");

    // Only the last field may hold a separator; a topic name never needs one.
    private static string Clean(string text) => TextFit.Truncate(text.Replace(Separator, ' '), 40);

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static YearRange? DecodeYears(string s)
    {
        if (s.Length == 0) return null;
        var dash = s.IndexOf('-');
        if (dash <= 0) throw new FormatException("years");
        return new YearRange(int.Parse(s[..dash], CultureInfo.InvariantCulture), int.Parse(s[(dash + 1)..], CultureInfo.InvariantCulture));
    }

    private static EntryKind? DecodeKind(string s)
    {
        if (s.Length == 0) return null;
        var value = int.Parse(s, CultureInfo.InvariantCulture);
        return Enum.IsDefined(typeof(EntryKind), value) ? (EntryKind)value : throw new FormatException("kind");
    }

    private const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";

    internal static string ToBase36(ulong value)
    {
        if (value == 0) return "0";
        var sb = new StringBuilder(13);
        while (value > 0)
        {
            sb.Insert(0, Digits[(int)(value % 36)]);
            value /= 36;
        }
        return sb.ToString();
    }

    private static string ToBase36(int value) => value >= 0
        ? ToBase36((ulong)value)
        : throw new ArgumentOutOfRangeException(nameof(value), value, "A page number cannot be negative.");

    internal static ulong FromBase36(string text)
    {
        if (text.Length is 0 or > 13) throw new FormatException("base36");
        ulong value = 0;
        foreach (var c in text)
        {
            var digit = Digits.IndexOf(c);
            if (digit < 0) throw new FormatException("base36");
            value = checked(value * 36 + (ulong)digit);
        }
        return value;
    }
}
