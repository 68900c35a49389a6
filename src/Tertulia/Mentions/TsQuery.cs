using System.Text;
using Tertulia.Listening;

namespace Tertulia.Mentions;

/// <summary>
/// A listening query as a PostgreSQL tsquery over "SearchVector", built like <see cref="Fts5Query"/> so both stores
/// prefilter the same way and re-check the same cases: fields become weights (title A, text B, author C), phrases
/// become &lt;-&gt;, a wildcard makes its words prefixes. <see cref="Exact"/> false means every candidate is re-checked
/// with the matcher; a null <see cref="Query"/> means no prefilter at all.
/// </summary>
public sealed record TsQuery(string? Query, bool Exact)
{
    private static readonly TsQuery Everything = new(null, false);

    /// <summary>
    /// The word pieces of <paramref name="node"/>, to be folded by the index's own function (tertulia_search_words) before
    /// <see cref="From"/> uses them: a word and its indexed form then always meet, whatever the database's locale.
    /// </summary>
    public static IReadOnlyList<string> Pieces(QueryNode node)
    {
        var pieces = new List<string>();
        new Builder(piece =>
        {
            pieces.Add(piece);
            return [piece];
        }).Build(node);
        return pieces.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The tsquery, given each piece's lexemes as the index folds them.</summary>
    public static TsQuery From(QueryNode node, IReadOnlyDictionary<string, string[]> lexemes) =>
        new Builder(piece => lexemes.GetValueOrDefault(piece) ?? []).Build(node);

    private sealed class Builder(Func<string, string[]> lexemes)
    {
        public TsQuery Build(QueryNode node) => node switch
        {
            TermNode t when QueryFields.IsValueField(t.Field) || t.Field == QueryField.Channel => Everything,
            TermNode t => Words(t.Text, t.Field, 0),
            PhraseNode p when QueryFields.IsValueField(p.Field) || p.Field == QueryField.Channel => Everything,
            PhraseNode p => Words(p.Text, p.Field, p.Slop),
            AndNode { Right: NotNode not } a => AndNot(Build(a.Left), Build(not.Operand)),
            AndNode { Left: NotNode not } a => AndNot(Build(a.Right), Build(not.Operand)),
            AndNode a => And(Build(a.Left), Build(a.Right), exact: true),
            OrNode o => Or(Build(o.Left), Build(o.Right)),
            NearNode n => And(Build(n.Left), Build(n.Right), exact: false),
            _ => Everything,
        };

        private static TsQuery And(TsQuery left, TsQuery right, bool exact) => (left.Query, right.Query) switch
        {
            (null, null) => Everything,
            (null, var r) => new(r, false),
            (var l, null) => new(l, false),
            var (l, r) => new($"({l}) & ({r})", exact && left.Exact && right.Exact),
        };

        /// <summary>The index may only leave out what it knows exactly; otherwise the re-check does the excluding.</summary>
        private static TsQuery AndNot(TsQuery positive, TsQuery excluded) =>
            positive.Query is null ? Everything
            : excluded.Exact && excluded.Query is not null ? new($"({positive.Query}) & !({excluded.Query})", positive.Exact)
            : positive with { Exact = false };

        private static TsQuery Or(TsQuery left, TsQuery right) =>
            left.Query is null || right.Query is null ? Everything : new($"({left.Query}) | ({right.Query})", left.Exact && right.Exact);

        private TsQuery Words(string text, QueryField field, int slop)
        {
            var words = QueryCompiler.Split(text, field);
            var exact = field != QueryField.Raw && words.TrueForAll(Plain) && (slop == 0 || words.Count == 1);
            // Each token is what FTS5 quotes: one or more lexemes in a row ("col_umn" is "col" then "umn").
            var tokens = new List<string[]>();
            var hasWildcard = false;
            foreach (var word in words)
            {
                var wildcard = word.AsSpan().IndexOfAny('*', '?');
                var literal = wildcard >= 0 ? word[..wildcard] : word;
                foreach (var part in WordTokenizer.Words(literal))
                {
                    if (lexemes(part.TrimStart('#', '@')) is { Length: > 0 } token)
                    {
                        tokens.Add(token);
                    }
                }
                hasWildcard |= wildcard >= 0;
            }
            if (tokens.Count == 0)
            {
                return Everything;
            }
            var weights = field switch
            {
                QueryField.Title => "A",
                QueryField.Author => "C",
                _ => "AB",
            };
            if (hasWildcard || slop > 0)
            {
                // Any wildcard or slop: every literal piece must be there (prefix of its word), the re-check does the rest.
                var all = string.Join(" & ", tokens.Select(t => Phrase(t, weights, prefix: hasWildcard)));
                var trailingStarOnly = words.Count == 1 && words[0].IndexOf('*') == words[0].Length - 1 && words[0].IndexOf('?') < 0 && tokens.Count == 1;
                return new(all, exact && trailingStarOnly);
            }
            return new(Phrase([.. tokens.SelectMany(t => t)], weights, prefix: false), exact);
        }

        private static string Phrase(string[] lexemes, string weights, bool prefix)
        {
            var sb = new StringBuilder("(");
            for (var i = 0; i < lexemes.Length; i++)
            {
                var last = i == lexemes.Length - 1;
                sb.Append(i > 0 ? " <-> " : "").Append('\'').Append(lexemes[i].Replace("'", "''")).Append("':")
                    .Append(prefix && last ? "*" : "").Append(weights);
            }
            return sb.Append(')').ToString();
        }
    }

    /// <summary>Words the index tokenises and folds exactly as the matcher does: ASCII letters and digits only.</summary>
    private static bool Plain(string word) => word.AsSpan().TrimEnd('*').IndexOfAnyExcept(PlainChars) < 0;

    private static readonly System.Buffers.SearchValues<char> PlainChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");
}
