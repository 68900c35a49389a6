using System.Text;
using Tertulia.Listening;

namespace Tertulia.Mentions;

/// <summary>
/// A listening query as an FTS5 MATCH expression over "MentionIndex". FTS5 finds candidates fast;
/// when it cannot say exactly what the query means (NEAR, ~n, site:, raw:, ñ, hashtags...) <see cref="Exact"/> is
/// false and every candidate is re-checked with the matcher. A null <see cref="Match"/> means no prefilter at all.
/// </summary>
public sealed record Fts5Query(string? Match, bool Exact)
{
    private static readonly Fts5Query Everything = new(null, false);

    public static Fts5Query From(QueryNode node) => node switch
    {
        TermNode { Field: QueryField.Site } t => Site(t.Text),
        TermNode t when QueryFields.IsValueField(t.Field) || t.Field == QueryField.Channel => Everything,
        TermNode t => Words(t.Text, t.Field, 0),
        PhraseNode p when QueryFields.IsValueField(p.Field) || p.Field == QueryField.Channel => Everything,
        PhraseNode p => Words(p.Text, p.Field, p.Slop),
        AndNode { Right: NotNode not } a => AndNot(From(a.Left), From(not.Operand)),
        AndNode { Left: NotNode not } a => AndNot(From(a.Right), From(not.Operand)),
        AndNode a => And(From(a.Left), From(a.Right), exact: true),
        OrNode o => Or(From(o.Left), From(o.Right)),
        NearNode n => And(From(n.Left), From(n.Right), exact: false),
        _ => Everything,
    };

    private static Fts5Query And(Fts5Query left, Fts5Query right, bool exact)
    {
        var both = exact && left.Exact && right.Exact;
        return (left.Match, right.Match) switch
        {
            (null, null) => Everything,
            (null, var r) => new(r, false),
            (var l, null) => new(l, false),
            var (l, r) => new($"({l}) AND ({r})", both),
        };
    }

    /// <summary>FTS5 may only leave out what it knows exactly; otherwise the re-check does the excluding.</summary>
    private static Fts5Query AndNot(Fts5Query positive, Fts5Query excluded) =>
        positive.Match is null ? Everything
        : excluded.Exact && excluded.Match is not null ? new($"({positive.Match}) NOT ({excluded.Match})", positive.Exact)
        : positive with { Exact = false };

    private static Fts5Query Or(Fts5Query left, Fts5Query right) =>
        left.Match is null || right.Match is null ? Everything : new($"({left.Match}) OR ({right.Match})", left.Exact && right.Exact);

    /// <summary>
    /// The host's words as a phrase of the address column: the address holds the host with a separator on each side,
    /// so its words are there in a row, as the index splits them. A superset ("elnorte.es" also in a path or in
    /// "elnorte.es.otro.example"); the matcher keeps the host and its subdomains.
    /// </summary>
    private static Fts5Query Site(string text)
    {
        var words = QueryCompiler.SiteHost(text) is { } host
            ? host.Split(HostSeparators, StringSplitOptions.RemoveEmptyEntries)
            : [];
        return words.Length == 0 ? Everything : new($"\"Url\" : {Quote(string.Join(' ', words))}", false);
    }

    private static readonly char[] HostSeparators = [.. Enumerable.Range(0, 128).Select(c => (char)c).Where(c => !char.IsAsciiLetterOrDigit(c))];

    private static Fts5Query Words(string text, QueryField field, int slop)
    {
        var words = QueryCompiler.Split(text, field);
        var exact = field != QueryField.Raw && words.TrueForAll(Plain) && (slop == 0 || words.Count == 1);
        var tokens = new List<string>();
        var hasWildcard = false;
        foreach (var word in words)
        {
            var wildcard = word.AsSpan().IndexOfAny('*', '?');
            var literal = wildcard >= 0 ? word[..wildcard] : word;
            var parts = WordTokenizer.Words(literal);
            foreach (var part in parts)
            {
                tokens.Add(part.TrimStart('#', '@').Replace('ñ', 'n'));
            }
            hasWildcard |= wildcard >= 0;
        }
        if (tokens.Count == 0)
        {
            return Everything;
        }
        var columns = field switch
        {
            QueryField.Title => "\"Title\" : ",
            QueryField.Author => "\"Author\" : ",
            _ => "{\"Title\" \"Text\"} : ",
        };
        var sb = new StringBuilder();
        if (hasWildcard || slop > 0)
        {
            // Any wildcard or slop: every literal piece must be there (prefix of its word), the re-check does the rest.
            for (var i = 0; i < tokens.Count; i++)
            {
                sb.Append(i > 0 ? " AND " : "").Append(columns).Append(Quote(tokens[i])).Append(hasWildcard ? "*" : "");
            }
            var trailingStarOnly = words.Count == 1 && words[0].IndexOf('*') == words[0].Length - 1 && words[0].IndexOf('?') < 0 && tokens.Count == 1;
            return new(sb.ToString(), exact && trailingStarOnly);
        }
        sb.Append(columns).Append(Quote(string.Join(' ', tokens)));
        return new(sb.ToString(), exact);
    }

    /// <summary>Words FTS5 tokenises and folds exactly as the matcher does: ASCII letters and digits only.</summary>
    private static bool Plain(string word) => word.AsSpan().TrimEnd('*').IndexOfAnyExcept(PlainChars) < 0;

    private static readonly System.Buffers.SearchValues<char> PlainChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");

    private static string Quote(string token) => "\"" + token.Replace("\"", "\"\"") + "\"";
}
