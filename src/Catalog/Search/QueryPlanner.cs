using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util.Automaton;

namespace DltBot.Catalog.Search;

/// <summary>What the words of a query must match, and which words of a description to mark.</summary>
internal sealed record QueryPlan(IReadOnlyList<Query> Clauses, Query? PhraseBonus, HighlightTerms Highlights, IReadOnlyList<string> UnknownWords);

/// <summary>Turns the user's text into Lucene clauses: aliases, quoted phrases, Chinese runs, English words with typo tolerance.</summary>
internal sealed partial class QueryPlanner(IndexReader reader, SearchAliases aliases)
{
    private const float TieBreaker = 0.1f;
    private const float FuzzyFactor = 0.5f;
    private const float PrefixFactor = 0.4f;
    private const float OtherAliasFactor = 0.85f;

    public QueryPlan Plan(string text)
    {
        var clauses = new List<Query>();
        var highlights = new HighlightTerms();
        var unknown = new List<string>();
        var bonusWords = new List<string>();

        var normalized = NormalizeArxiv(text.ToLowerInvariant());
        var pieces = new List<string>();
        var rest = QuotedPhrase().Replace(normalized, m =>
        {
            pieces.Add(m.Groups[1].Value);
            return " ";
        });
        foreach (var phrase in pieces)
            if (PhraseClause(phrase, highlights) is { } q) clauses.Add(q);

        foreach (var (segment, aliasForm) in SplitByAliases(rest))
        {
            if (aliasForm is not null)
            {
                clauses.Add(ConceptClause(aliasForm, highlights));
                bonusWords.Clear();
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
                    clauses.Add(CjkClause(run));
                    highlights.Texts.Add(segment[run[0].Start..run[^1].End]);
                    i += run.Count;
                    bonusWords.Clear();
                    continue;
                }
                var word = tokens[i].Text;
                var (clause, known) = WordClause(word, highlights);
                clauses.Add(clause);
                if (!known) unknown.Add(word);
                bonusWords.Add(Stem(word));
                i++;
            }
        }

        var bonus = bonusWords.Count >= 2 ? PhraseOver([IndexFields.Title, IndexFields.Description], bonusWords, slop: 1, boost: 2f) : null;
        return new QueryPlan(clauses, bonus, highlights, unknown);
    }

    /// <summary>Accepts <c>arXiv:2210.01117v2</c> and friends as the bare id the index holds.</summary>
    private static string NormalizeArxiv(string text) => ArxivId().Replace(text, m => " " + m.Groups[1].Value + " ");

    private IEnumerable<(string Segment, string? AliasForm)> SplitByAliases(string text)
    {
        var taken = new List<(int Start, int End, string Form)>();
        foreach (var form in aliases.Forms)
        {
            for (var at = text.IndexOf(form, StringComparison.Ordinal); at >= 0; at = text.IndexOf(form, at + 1, StringComparison.Ordinal))
            {
                var end = at + form.Length;
                if (!IsWordBoundary(text, at, end) || taken.Any(t => at < t.End && end > t.Start))
                    continue;
                taken.Add((at, end, form));
            }
        }
        var cursor = 0;
        foreach (var (start, end, form) in taken.OrderBy(t => t.Start))
        {
            if (start > cursor) yield return (text[cursor..start], null);
            yield return (text[start..end], form);
            cursor = end;
        }
        if (cursor < text.Length) yield return (text[cursor..], null);
    }

    private static bool IsWordBoundary(string text, int start, int end)
    {
        static bool IsLatinWordChar(char c) => c < 0x2E80 && char.IsLetterOrDigit(c);
        var startOk = start == 0 || !IsLatinWordChar(text[start - 1]) || !IsLatinWordChar(text[start]);
        var endOk = end == text.Length || !IsLatinWordChar(text[end]) || !IsLatinWordChar(text[end - 1]);
        return startOk && endOk;
    }

    private (Query Clause, bool Known) WordClause(string word, HighlightTerms highlights)
    {
        var stem = Stem(word);
        var clause = new DisjunctionMaxQuery(TieBreaker);
        var known = false;
        foreach (var (field, weight) in IndexFields.Text)
        {
            var term = new Term(field, stem);
            known |= reader.DocFreq(term) > 0;
            clause.Add(new TermQuery(term) { Boost = weight });
        }
        var urlTerm = new Term(IndexFields.Url, word);
        known |= reader.DocFreq(urlTerm) > 0;
        clause.Add(new TermQuery(urlTerm) { Boost = IndexFields.UrlWeight });
        highlights.Stems.Add(stem);

        var letters = word.Count(char.IsLetter);
        if (!known && letters >= 3)
        {
            // Unknown word: a typo (one edit from 5 letters, two from 9) or the start of a longer word.
            var edits = word.Length >= 9 ? 2 : word.Length >= 5 ? 1 : 0;
            foreach (var (field, weight) in IndexFields.Exact)
            {
                if (edits > 0)
                {
                    clause.Add(new FuzzyQuery(new Term(field, word), edits, prefixLength: 1, maxExpansions: 30, transpositions: true)
                        { Boost = weight * FuzzyFactor });
                    clause.Add(FuzzyPrefix(field, word, weight * PrefixFactor));
                }
                else
                {
                    clause.Add(new PrefixQuery(new Term(field, word)) { Boost = weight * PrefixFactor });
                }
            }
            highlights.Fuzzy.Add((word, Math.Max(edits, 1)));
            if (edits > 0 && ClosestAlias(word, edits) is { } meant)
                clause.Add(ConceptClause(meant, highlights));
        }
        return (clause, known);
    }

    /// <summary>The alias a misspelt word most likely meant (<c>generalisaton</c> means generalization, so also 泛化).</summary>
    private string? ClosestAlias(string word, int edits)
    {
        string? best = null;
        var bestDistance = edits + 1;
        foreach (var form in aliases.Forms)
        {
            if (Math.Abs(form.Length - word.Length) >= bestDistance || form.Contains(' ') || form[0] >= '\u2E80')
                continue;
            var distance = Levenshtein.Distance(word, form);
            if (distance < bestDistance)
                (best, bestDistance) = (form, distance);
        }
        return best;
    }

    /// <summary>Words that start with something one edit away from <paramref name="word"/> (<c>grokin</c> finds <c>grokking</c>).</summary>
    private static AutomatonQuery FuzzyPrefix(string field, string word, float boost)
    {
        var automaton = BasicOperations.Concatenate(
            new LevenshteinAutomata(word, withTranspositions: true).ToAutomaton(1), BasicAutomata.MakeAnyString());
        return new AutomatonQuery(new Term(field, word), automaton) { Boost = boost };
    }

    private static Query CjkClause(IReadOnlyList<AnalyzedToken> run)
    {
        var clause = new DisjunctionMaxQuery(TieBreaker);
        if (run is [{ Type: not CatalogAnalyzer.BigramType } single])
        {
            // A lone character is only indexed inside bigrams: match bigrams starting or ending with it.
            foreach (var (field, weight) in IndexFields.Text)
            {
                clause.Add(new PrefixQuery(new Term(field, single.Text)) { Boost = weight * PrefixFactor });
                clause.Add(new WildcardQuery(new Term(field, "?" + single.Text)) { Boost = weight * PrefixFactor });
            }
            return clause;
        }
        var bigrams = run.Select(t => t.Text).ToList();
        foreach (var (field, weight) in IndexFields.Text)
            clause.Add(PhraseOver([field], bigrams, slop: 0, boost: weight));
        return clause;
    }

    private Query ConceptClause(string form, HighlightTerms highlights)
    {
        var clause = new DisjunctionMaxQuery(TieBreaker);
        foreach (var alternative in aliases.Expand(form))
        {
            var factor = alternative == form ? 1f : OtherAliasFactor;
            var tokens = CatalogAnalyzer.Stemmed.Tokens(alternative);
            if (tokens.Count == 0) continue;
            var terms = tokens.Select(t => t.Text).ToList();
            var positions = tokens.Select(t => t.Position).ToList();
            foreach (var (field, weight) in IndexFields.Text)
                clause.Add(PhraseOver([field], terms, slop: tokens[0].IsCjk ? 0 : 1, boost: weight * factor, positions));
            if (tokens.Count == 1 && !tokens[0].IsCjk)
                clause.Add(new TermQuery(new Term(IndexFields.Url, alternative)) { Boost = IndexFields.UrlWeight * factor });
            highlights.AddForm(alternative, tokens);
        }
        return clause;
    }

    private static Query? PhraseClause(string phrase, HighlightTerms highlights)
    {
        var tokens = CatalogAnalyzer.Stemmed.Tokens(phrase);
        if (tokens.Count == 0) return null;
        var clause = new DisjunctionMaxQuery(TieBreaker);
        var terms = tokens.Select(t => t.Text).ToList();
        var positions = tokens.Select(t => t.Position).ToList();
        foreach (var (field, weight) in IndexFields.Text)
            clause.Add(PhraseOver([field], terms, slop: 0, boost: weight, positions));
        highlights.AddForm(phrase, tokens);
        return clause;
    }

    private static Query PhraseOver(IReadOnlyList<string> fields, IReadOnlyList<string> terms, int slop, float boost,
        IReadOnlyList<int>? positions = null)
    {
        if (fields.Count == 1)
            return PhraseFor(fields[0], terms, positions, slop, boost);
        var any = new DisjunctionMaxQuery(TieBreaker);
        foreach (var field in fields)
            any.Add(PhraseFor(field, terms, positions, slop, boost));
        return any;
    }

    private static Query PhraseFor(string field, IReadOnlyList<string> terms, IReadOnlyList<int>? positions, int slop, float boost)
    {
        if (terms.Count == 1)
            return new TermQuery(new Term(field, terms[0])) { Boost = boost };
        var phrase = new PhraseQuery { Slop = slop, Boost = boost };
        for (var i = 0; i < terms.Count; i++)
            phrase.Add(new Term(field, terms[i]), positions?[i] - positions?[0] ?? i);
        return phrase;
    }

    internal static string Stem(string word)
    {
        var tokens = CatalogAnalyzer.Stemmed.Tokens(word);
        return tokens.Count == 1 ? tokens[0].Text : word;
    }

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex QuotedPhrase();

    [GeneratedRegex(@"(?:arxiv\s*[:/]?\s*)?(?:abs/|pdf/)?(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?", RegexOptions.CultureInvariant)]
    private static partial Regex ArxivId();
}
