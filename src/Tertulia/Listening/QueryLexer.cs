namespace Tertulia.Listening;

internal enum LexemeKind { Word, Phrase, Open, Close, And, Or, Not, Minus, Near, Field, End }

/// <summary>One piece of a query as typed; <see cref="Start"/> counts from 0.</summary>
internal readonly record struct Lexeme(LexemeKind Kind, int Start, int Length, string Text = "")
{
    public int Number { get; init; }
    public bool Ordered { get; init; }
    public QueryField Field { get; init; }

    public QueryError Error(QueryErrorKind kind, string subject = "") => new(kind, Start + 1, Math.Max(Length, 1), subject);
}

/// <summary>Cuts a query into words, "phrases"~n, parentheses, operators and field prefixes.</summary>
internal static class QueryLexer
{
    public static List<Lexeme> Lex(string query)
    {
        var lexemes = new List<Lexeme>();
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '(')
            {
                lexemes.Add(new Lexeme(LexemeKind.Open, i++, 1));
            }
            else if (c == ')')
            {
                lexemes.Add(new Lexeme(LexemeKind.Close, i++, 1));
            }
            else if (c is '"' or '“' or '”')
            {
                lexemes.Add(Phrase(query, ref i));
            }
            else if (c == '-' && i + 1 < query.Length && !char.IsWhiteSpace(query[i + 1]) && query[i + 1] != ')' && query[i + 1] != '-')
            {
                lexemes.Add(new Lexeme(LexemeKind.Minus, i++, 1));
            }
            else
            {
                lexemes.Add(Chunk(query, ref i));
            }
        }
        lexemes.Add(new Lexeme(LexemeKind.End, query.Length, 0));
        return lexemes;
    }

    private static Lexeme Phrase(string query, ref int i)
    {
        var start = i;
        var close = query.AsSpan(i + 1).IndexOfAny('"', '“', '”');
        if (close < 0)
        {
            throw new QuerySyntaxException(new QueryError(QueryErrorKind.UnclosedQuote, start + 1, query.Length - start, ""));
        }
        var text = query.Substring(i + 1, close);
        i += close + 2;
        var slop = 0;
        if (i < query.Length && query[i] == '~')
        {
            var tilde = i++;
            var digits = i;
            while (i < query.Length && char.IsAsciiDigit(query[i]))
            {
                i++;
            }
            if (i == digits || i - digits > 3 || (i < query.Length && !char.IsWhiteSpace(query[i]) && query[i] != ')'))
            {
                throw new QuerySyntaxException(new QueryError(QueryErrorKind.ProximityNeedsNumber, tilde + 1, Math.Max(1, ChunkEnd(query, tilde) - tilde), ""));
            }
            slop = int.Parse(query.AsSpan(digits, i - digits));
        }
        return new Lexeme(LexemeKind.Phrase, start, i - start, text) { Number = slop };
    }

    private static Lexeme Chunk(string query, ref int i)
    {
        var start = i;
        i = ChunkEnd(query, i);
        var text = query[start..i];
        switch (text)
        {
            case "AND" or "&&":
                return new Lexeme(LexemeKind.And, start, text.Length, text);
            case "OR" or "||":
                return new Lexeme(LexemeKind.Or, start, text.Length, text);
            case "NOT":
                return new Lexeme(LexemeKind.Not, start, text.Length, text);
        }
        if (text.StartsWith("NEAR", StringComparison.Ordinal) && (text.Length == 4 || text[4] == '/'))
        {
            return Near(text, start);
        }
        var colon = text.IndexOf(':');
        if (colon > 0 && text.AsSpan(0, colon).IndexOfAnyExcept(Letters) < 0 && !text.AsSpan(colon).StartsWith("://"))
        {
            var name = text[..colon];
            var field = QueryFields.Find(name)
                ?? throw new QuerySyntaxException(new QueryError(QueryErrorKind.UnknownField, start + 1, colon + 1, name));
            return new Lexeme(LexemeKind.Field, start, text.Length, text[(colon + 1)..]) { Field = field };
        }
        return new Lexeme(LexemeKind.Word, start, text.Length, text);
    }

    private static Lexeme Near(string text, int start)
    {
        var rest = text.AsSpan(Math.Min(5, text.Length));
        var ordered = rest.Length > 0 && (rest[^1] == 'f' || rest[^1] == 'F');
        var digits = ordered ? rest[..^1] : rest;
        if (text.Length <= 5 || digits.Length is 0 or > 3 || digits.IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            throw new QuerySyntaxException(new QueryError(QueryErrorKind.NearNeedsNumber, start + 1, text.Length, text));
        }
        return new Lexeme(LexemeKind.Near, start, text.Length, text) { Number = int.Parse(digits), Ordered = ordered };
    }

    private static int ChunkEnd(string query, int i)
    {
        while (i < query.Length && !char.IsWhiteSpace(query[i]) && query[i] is not ('(' or ')' or '"' or '“' or '”'))
        {
            i++;
        }
        return i;
    }

    private static readonly System.Buffers.SearchValues<char> Letters = System.Buffers.SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZáéíóúÁÉÍÓÚñÑ");
}
