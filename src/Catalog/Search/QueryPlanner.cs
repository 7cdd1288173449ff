using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DltBot.Catalog.Search;

/// <summary>What the words of a query must match, and which words of a description to mark.</summary>
internal sealed record QueryPlan(IReadOnlyList<Query> Clauses, Query? PhraseBonus, HighlightTerms Highlights, IReadOnlyList<string> UnknownWords);

/// <summary>Turns the user's text into Lucene clauses: aliases, quoted phrases, Chinese runs, English words with typo tolerance.</summary>
internal sealed partial class QueryPlanner(ITermSource terms, Vocabulary vocabulary, SearchAliases aliases)
{
    private const float FuzzyFactor = 0.5f;
    private const float PrefixFactor = 0.4f;
    private const float OtherAliasFactor = 0.85f;

    public QueryPlan Plan(string text)
    {
        var clauses = new List<Query>();
        var highlights = new HighlightTerms();
        var unknown = new List<string>();

        var normalized = NormalizeArxiv(text.ToLowerInvariant());
        var rest = normalized;
        if (normalized.Contains('"'))
        {
            var pieces = new List<string>();
            rest = QuotedPhrase().Replace(normalized, m =>
            {
                pieces.Add(m.Groups[1].Value);
                return " ";
            });
            foreach (var phrase in pieces)
                if (PhraseClause(phrase, highlights) is { } q) clauses.Add(q);
        }

        // A word typed twice ("deep deep") asks for nothing more; a second identical clause would only double the work.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (segment, aliasForm) in SplitByAliases(rest))
        {
            if (aliasForm is not null)
            {
                // "optimization 优化" names one concept twice: one clause.
                if (seen.Add(string.Join('|', aliases.Expand(aliasForm))))
                    clauses.Add(ConceptClause(aliasForm, highlights));
                continue;
            }
            var tokens = CatalogAnalyzer.Exact.Tokens(segment);
            for (var i = 0; i < tokens.Count;)
            {
                if (tokens[i].IsCjk)
                {
                    var run = new List<AnalyzedToken> { tokens[i] };
                    while (i + run.Count < tokens.Count && tokens[i + run.Count].IsCjk
                           && tokens[i + run.Count].Position == run[^1].Position + 1)
                        run.Add(tokens[i + run.Count]);
                    var runText = segment[run[0].Start..run[^1].End];
                    if (seen.Add(runText))
                        clauses.Add(CjkClause(run));
                    highlights.Texts.Add(runText);
                    i += run.Count;
                    continue;
                }
                var word = tokens[i].Text;
                i++;
                if (!seen.Add(word)) continue;
                var (clause, known) = WordClause(word, highlights);
                clauses.Add(clause);
                if (!known) unknown.Add(word);
            }
        }

        // Rank titles that hold the typed words in order, aliases included ("geometric deep learning").
        var latinStems = new List<string>();
        foreach (var token in CatalogAnalyzer.Stemmed.Tokens(rest))
            if (!token.IsCjk) latinStems.Add(token.Text);
        var bonus = latinStems.Count >= 2 && clauses.Count >= 2 ? Bonus(latinStems) : null;
        return new QueryPlan(clauses, bonus, highlights, unknown);
    }

    /// <summary>Accepts <c>arXiv:2210.01117v2</c> and friends as the bare id the index holds.</summary>
    private static string NormalizeArxiv(string text) =>
        text.Contains('.') ? ArxivId().Replace(text, m => " " + m.Groups[1].Value + " ") : text; // an id has a dot

    private IEnumerable<(string Segment, string? AliasForm)> SplitByAliases(string text)
    {
        var taken = new List<(int Start, int End, string Form)>();
        foreach (var form in aliases.Forms)
        {
            // Most forms cannot occur: their first character is not in the text (a vectorized scan of a short query).
            if (!text.AsSpan().Contains(form[0]))
                continue;
            for (var at = text.IndexOf(form, StringComparison.Ordinal); at >= 0; at = text.IndexOf(form, at + 1, StringComparison.Ordinal))
            {
                var end = at + form.Length;
                if (!IsWordBoundary(text, at, end) || taken.Any(t => at < t.End && end > t.Start))
                    continue;
                taken.Add((at, end, form));
            }
        }
        if (taken.Count == 0)
        {
            if (text.Length > 0) yield return (text, null);
            yield break;
        }
        taken.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var cursor = 0;
        foreach (var (start, end, form) in taken)
        {
            if (start > cursor) yield return (text[cursor..start], null);
            yield return (text[start..end], form);
            cursor = end;
        }
        if (cursor < text.Length) yield return (text[cursor..], null);
    }

    /// <summary>
    /// An alias must stand on its own: a Latin one between non-letters, a Chinese one as a whole run of Chinese (inside
    /// 的数学分 the text itself is what was asked for, not the alias 数学).
    /// </summary>
    private static bool IsWordBoundary(string text, int start, int end)
    {
        static int Script(char c) => c >= 0x2E80 && char.IsLetter(c) ? 2 : char.IsLetterOrDigit(c) ? 1 : 0;
        var startOk = start == 0 || Script(text[start - 1]) == 0 || Script(text[start - 1]) != Script(text[start]);
        var endOk = end == text.Length || Script(text[end]) == 0 || Script(text[end]) != Script(text[end - 1]);
        return startOk && endOk;
    }

    private const int MaxTypoCandidates = 12;

    private (Query Clause, bool Known) WordClause(string word, HighlightTerms highlights)
    {
        var stem = Stem(word);
        var clause = new AnyOf();
        AddStemQueries(clause, stem, 1f);
        if (terms.TermQuery(IndexFields.Url, word, IndexFields.UrlWeight) is { } url)
            clause.Add(url);
        var known = clause.Clauses.Count > 0;
        highlights.Stems.Add(stem);

        var letters = word.Count(char.IsLetter);
        if (!known && letters >= 3)
        {
            // Unknown word: a typo (one edit from 5 letters, two from 9) or the start of a longer word.
            var edits = word.Length >= 9 ? 2 : word.Length >= 5 ? 1 : 0;
            var near = edits > 0
                ? vocabulary.Near(word, edits, asPrefix: true, MaxTypoCandidates)
                : vocabulary.StartingWith(word, MaxTypoCandidates).Select(w => (Word: w, Distance: 1)).ToList();
            foreach (var (candidate, distance) in near)
                AddStemQueries(clause, Stem(candidate), distance == 0 ? 1f : distance == 1 ? FuzzyFactor : PrefixFactor);
            highlights.Fuzzy.Add((word, Math.Max(edits, 1)));
            if (edits > 0 && aliases.ClosestLatinForm(word, edits) is { } meant)
                clause.Add(ConceptClause(meant, highlights));
        }
        return (clause, known);
    }

    /// <summary>Title and topic matches that make a word "common enough" to skip its low-weight fields (see below).</summary>
    private const int EnoughStrongMatches = 100;

    /// <summary>
    /// A word in more than 1/32 of all descriptions counts as common. At 100k entries that is 3,000 descriptions, against
    /// the 100+ title and topic matches that must also exist for the cut to apply; at 1/8 the queries most often asked
    /// (two topic words) still read tens of thousands of description postings each, twice the time budget.
    /// </summary>
    private const int CommonShare = 32;

    private void AddStemQueries(AnyOf clause, string stem, float factor)
    {
        string[] words = [stem];
        foreach (var (field, weight) in IndexFields.Text)
            if (!SkipAsCommon(field, words) && terms.TermQuery(field, stem, weight * factor) is { } query)
                clause.Add(query);
    }

    /// <summary>
    /// In a large catalog, words found in over 1/32 of all descriptions work like stop words there: scoring those
    /// postings costs milliseconds and rarely lifts a description-only match above the many title matches. Such words are
    /// matched in titles and topics only (so Total counts those), as long as those give enough hits on their own.
    /// </summary>
    private bool SkipAsCommon(string field, IReadOnlyList<string> words)
    {
        if (field is not (IndexFields.Description or IndexFields.Context) || terms.MaxDoc < EnoughStrongMatches * 4)
            return false;
        var rarestHere = words.Min(w => terms.DocFreq(field, w));
        if (rarestHere <= terms.MaxDoc / CommonShare)
            return false;
        var strong = words.Min(w => terms.DocFreq(IndexFields.Title, w)) + words.Min(w => terms.DocFreq(IndexFields.Topic, w));
        return strong >= EnoughStrongMatches;
    }

    private AnyOf CjkClause(IReadOnlyList<AnalyzedToken> run)
    {
        var clause = new AnyOf();
        if (run is [{ Type: not CatalogAnalyzer.BigramType } single])
        {
            // A lone character: bigrams do not hold it on its own, the character field does.
            if (terms.TermQuery(IndexFields.Characters, single.Text, IndexFields.CharactersWeight) is { } character)
                clause.Add(character);
            return clause;
        }
        var bigrams = run.Select(t => t.Text).ToList();
        foreach (var (field, weight) in IndexFields.Text)
            if (!SkipAsCommon(field, bigrams) && terms.AllTerms(field, bigrams, weight) is { } query)
                clause.Add(query);
        return clause;
    }

    private AnyOf ConceptClause(string form, HighlightTerms highlights)
    {
        var clause = new AnyOf();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alternative in aliases.Expand(form))
        {
            var tokens = Analyzed(alternative);
            if (tokens.Count == 0) continue;
            highlights.AddForm(alternative, tokens);
            var words = tokens.Select(t => t.Text).ToList();
            if (!seen.Add(string.Join(' ', words)))
                continue; // "networks" and "network" stem alike: one query is enough
            var factor = alternative == form ? 1f : OtherAliasFactor;
            // All words of the alias in one field: cached term lookups, far cheaper than a phrase and as precise on
            // fields this short. Quoting a phrase asks for the exact order.
            foreach (var (field, weight) in IndexFields.Text)
                if (!SkipAsCommon(field, words) && terms.AllTerms(field, words, weight * factor) is { } query)
                    clause.Add(query);
            if (tokens.Count == 1 && !tokens[0].IsCjk && terms.TermQuery(IndexFields.Url, alternative, IndexFields.UrlWeight * factor) is { } url)
                clause.Add(url);
            if (tokens is [{ Type: not CatalogAnalyzer.BigramType, IsCjk: true } single]
                && terms.TermQuery(IndexFields.Characters, single.Text, IndexFields.CharactersWeight * factor) is { } character)
                clause.Add(character);
        }
        return clause;
    }

    private AnyOf? PhraseClause(string phrase, HighlightTerms highlights)
    {
        var tokens = CatalogAnalyzer.Stemmed.Tokens(phrase);
        if (tokens.Count == 0) return null;
        var clause = new AnyOf();
        var words = tokens.Select(t => t.Text).ToList();
        var positions = tokens.Select(t => t.Position).ToList();
        foreach (var (field, weight) in IndexFields.Text)
            if (terms.PhraseQuery(field, words, positions, slop: 0, boost: weight) is { } query)
                clause.Add(query);
        highlights.AddForm(phrase, tokens);
        return clause;
    }

    /// <summary>Extra score when the words of the query stand together, as typed, in a title.</summary>
    private Query? Bonus(IReadOnlyList<string> words) => terms.PhraseQuery(IndexFields.Title, words, null, slop: 1, boost: 2f);

    internal static string Stem(string word)
    {
        var tokens = Analyzed(word);
        return tokens.Count == 1 ? tokens[0].Text : word;
    }

    private const int MaxCachedAnalyses = 50_000;
    private static readonly ConcurrentDictionary<string, IReadOnlyList<AnalyzedToken>> Analyses = new(StringComparer.Ordinal);

    /// <summary>Stemmed tokens of a word or alias form; remembered, since the same few come back in query after query.</summary>
    private static IReadOnlyList<AnalyzedToken> Analyzed(string text)
    {
        if (Analyses.TryGetValue(text, out var cached))
            return cached;
        var tokens = CatalogAnalyzer.Stemmed.Tokens(text);
        if (Analyses.Count < MaxCachedAnalyses)
            Analyses.TryAdd(text, tokens);
        return tokens;
    }

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex QuotedPhrase();

    [GeneratedRegex(@"(?:arxiv\s*[:/]?\s*)?(?:abs/|pdf/)?(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?", RegexOptions.CultureInvariant)]
    private static partial Regex ArxivId();
}
