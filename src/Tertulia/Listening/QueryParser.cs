namespace Tertulia.Listening;

/// <summary>
/// Parses the listening query language: <c>AND OR NOT -term ( )</c> with NOT &gt; AND &gt; OR and a bare space
/// meaning AND, <c>"phrases"~n</c>, <c>a NEAR/n b</c>, <c>a NEAR/nf b</c>, wildcards and fields.
/// Errors carry the position and the reason.
/// </summary>
public sealed class QueryParser
{
    public const int MaxLength = 4000;
    private const int MaxDepth = 32;

    private readonly List<Lexeme> _lexemes;
    private int _next;
    private int _depth;

    private QueryParser(List<Lexeme> lexemes) => _lexemes = lexemes;

    public static QueryNode Parse(string query)
    {
        if (query.Length > MaxLength)
        {
            throw new QuerySyntaxException(new QueryError(QueryErrorKind.TooLong, MaxLength + 1, query.Length - MaxLength, ""));
        }
        var parser = new QueryParser(QueryLexer.Lex(query));
        if (parser.Peek.Kind == LexemeKind.End)
        {
            throw new QuerySyntaxException(new QueryError(QueryErrorKind.Empty, 1, 0, ""));
        }
        var node = parser.ParseOr(null);
        if (parser.Peek.Kind == LexemeKind.Close)
        {
            throw new QuerySyntaxException(parser.Peek.Error(QueryErrorKind.UnopenedParenthesis));
        }
        if (OnlyExcludes(node))
        {
            throw new QuerySyntaxException(new QueryError(QueryErrorKind.OnlyExclusions, 1, query.Length, ""));
        }
        return node;
    }

    public static bool TryParse(string? query, out QueryNode? node, out QueryError? error)
    {
        try
        {
            node = Parse(query ?? "");
            error = null;
            return true;
        }
        catch (QuerySyntaxException ex)
        {
            node = null;
            error = ex.Error;
            return false;
        }
    }

    private Lexeme Peek => _lexemes[_next];

    private Lexeme Take() => _lexemes[_next++];

    private QueryNode ParseOr(QueryField? field)
    {
        var left = ParseAnd(field);
        while (Peek.Kind == LexemeKind.Or)
        {
            var op = Take();
            RequireOperand(op, "OR");
            left = new OrNode(left, ParseAnd(field));
        }
        return left;
    }

    private QueryNode ParseAnd(QueryField? field)
    {
        var left = ParseUnary(field);
        while (true)
        {
            if (Peek.Kind == LexemeKind.And)
            {
                var op = Take();
                RequireOperand(op, "AND");
            }
            else if (!StartsOperand(Peek.Kind))
            {
                return left;
            }
            left = new AndNode(left, ParseUnary(field));
        }
    }

    private QueryNode ParseUnary(QueryField? field)
    {
        if (Peek.Kind is LexemeKind.Not or LexemeKind.Minus)
        {
            var op = Take();
            RequireOperand(op, "NOT");
            return new NotNode(ParseUnary(field));
        }
        return ParseNear(field);
    }

    private QueryNode ParseNear(QueryField? field)
    {
        var left = ParsePrimary(field);
        while (Peek.Kind == LexemeKind.Near)
        {
            var op = Take();
            if (!StartsOperand(Peek.Kind) || Peek.Kind is LexemeKind.Not or LexemeKind.Minus)
            {
                throw new QuerySyntaxException(op.Error(QueryErrorKind.MissingOperand, "NEAR"));
            }
            var right = ParsePrimary(field);
            var leftField = PositionalField(left);
            var rightField = PositionalField(right);
            if (leftField is null || rightField is null)
            {
                throw new QuerySyntaxException(op.Error(QueryErrorKind.NearOperand));
            }
            if (leftField != rightField)
            {
                throw new QuerySyntaxException(op.Error(QueryErrorKind.NearMixedFields));
            }
            left = new NearNode(left, right, op.Number, op.Ordered);
        }
        return left;
    }

    private QueryNode ParsePrimary(QueryField? field)
    {
        var lexeme = Take();
        switch (lexeme.Kind)
        {
            case LexemeKind.Word:
                return Term(lexeme, lexeme.Text, field ?? QueryField.Content);
            case LexemeKind.Phrase:
                return Quoted(lexeme, field ?? QueryField.Content);
            case LexemeKind.Open:
                return Group(lexeme, field);
            case LexemeKind.Field when lexeme.Text.Length > 0:
                return Term(lexeme, lexeme.Text, lexeme.Field);
            case LexemeKind.Field when Peek.Kind == LexemeKind.Phrase && Peek.Start == lexeme.Start + lexeme.Length:
                return Quoted(Take(), lexeme.Field);
            case LexemeKind.Field when Peek.Kind == LexemeKind.Open && Peek.Start == lexeme.Start + lexeme.Length:
                return Group(Take(), lexeme.Field);
            case LexemeKind.Field:
                throw new QuerySyntaxException(lexeme.Error(QueryErrorKind.FieldNeedsValue, QueryFields.NameOf(lexeme.Field)));
            case LexemeKind.Close:
                throw new QuerySyntaxException(lexeme.Error(QueryErrorKind.UnopenedParenthesis));
            case LexemeKind.End:
                throw new QuerySyntaxException(lexeme.Error(QueryErrorKind.Empty));
            default:
                throw new QuerySyntaxException(lexeme.Error(QueryErrorKind.MissingOperand, lexeme.Text));
        }
    }

    private QueryNode Group(Lexeme open, QueryField? field)
    {
        if (++_depth > MaxDepth)
        {
            throw new QuerySyntaxException(open.Error(QueryErrorKind.TooDeep));
        }
        if (Peek.Kind == LexemeKind.Close)
        {
            throw new QuerySyntaxException(open.Error(QueryErrorKind.MissingOperand, "( )"));
        }
        var inner = ParseOr(field);
        if (Peek.Kind != LexemeKind.Close)
        {
            throw new QuerySyntaxException(open.Error(QueryErrorKind.UnclosedParenthesis));
        }
        Take();
        _depth--;
        return inner;
    }

    private static TermNode Term(Lexeme lexeme, string text, QueryField field)
    {
        if (QueryFields.IsValueField(field))
        {
            if (!ValidValue(field, text))
            {
                throw new QuerySyntaxException(lexeme.Error(QueryErrorKind.InvalidFieldValue, QueryFields.NameOf(field)));
            }
            return new TermNode(text, field);
        }
        var words = WordTokenizer.Words(text, wildcards: true);
        if (words.Count == 0 || words.TrueForAll(w => w.Trim('*', '?', '#', '@').Length == 0))
        {
            throw new QuerySyntaxException(lexeme.Error(QueryErrorKind.NothingToFind, text));
        }
        if (words.Exists(w => WildcardTooShort(w)))
        {
            throw new QuerySyntaxException(lexeme.Error(QueryErrorKind.WildcardTooShort));
        }
        return new TermNode(text, field);
    }

    /// <summary>
    /// Quoted text: words in a row, except for a value field, where it is one value — the same whether the field is
    /// written before it (<c>site:"a.es"</c>) or before a group around it (<c>site:("a.es" OR b.es)</c>).
    /// </summary>
    private static QueryNode Quoted(Lexeme quoted, QueryField field) =>
        QueryFields.IsValueField(field) ? Term(quoted, quoted.Text, field) : Phrase(quoted, field);

    private static PhraseNode Phrase(Lexeme lexeme, QueryField field)
    {
        var words = WordTokenizer.Words(lexeme.Text, wildcards: true);
        if (words.Count == 0)
        {
            throw new QuerySyntaxException(lexeme.Error(QueryErrorKind.NothingToFind, lexeme.Text));
        }
        if (words.Exists(w => WildcardTooShort(w)))
        {
            throw new QuerySyntaxException(lexeme.Error(QueryErrorKind.WildcardTooShort));
        }
        return new PhraseNode(lexeme.Text, lexeme.Number, field);
    }

    /// <summary>"pa*" is allowed, "p*" would match half the dictionary.</summary>
    internal static bool WildcardTooShort(string word)
    {
        var first = word.AsSpan().IndexOfAny('*', '?');
        return first >= 0 && word.AsSpan(0, first).TrimStart("#@").Length < 2;
    }

    private static bool ValidValue(QueryField field, string value) => field switch
    {
        QueryField.Sentiment => QueryFields.Sentiment(value) is not null,
        QueryField.Language => value.Length is >= 2 and <= 16 && char.IsAsciiLetter(value[0]) && !value.Contains(' '),
        _ => value.Trim().Length > 0,
    };

    private void RequireOperand(Lexeme op, string name)
    {
        if (!StartsOperand(Peek.Kind))
        {
            throw new QuerySyntaxException(op.Error(QueryErrorKind.MissingOperand, name));
        }
    }

    private static bool StartsOperand(LexemeKind kind) =>
        kind is LexemeKind.Word or LexemeKind.Phrase or LexemeKind.Open or LexemeKind.Field or LexemeKind.Not or LexemeKind.Minus;

    /// <summary>The field whose word positions a node yields, or null when it has none (AND, NOT, site:...).</summary>
    internal static QueryField? PositionalField(QueryNode node) => node switch
    {
        TermNode t when !QueryFields.IsValueField(t.Field) => Stream(t.Field),
        PhraseNode p when !QueryFields.IsValueField(p.Field) => Stream(p.Field),
        OrNode o when PositionalField(o.Left) is { } l && PositionalField(o.Right) == l => l,
        NearNode n => PositionalField(n.Left),
        _ => null,
    };

    /// <summary>Raw words sit at the same positions as the folded ones.</summary>
    private static QueryField Stream(QueryField field) => field == QueryField.Raw ? QueryField.Content : field;

    internal static bool OnlyExcludes(QueryNode node) => node switch
    {
        NotNode => true,
        AndNode a => OnlyExcludes(a.Left) && OnlyExcludes(a.Right),
        OrNode o => OnlyExcludes(o.Left) || OnlyExcludes(o.Right),
        _ => false,
    };
}
