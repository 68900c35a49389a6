namespace Tertulia.Listening;

public enum QueryErrorKind
{
    Empty,
    TooLong,
    UnclosedQuote,
    UnclosedParenthesis,
    UnopenedParenthesis,
    MissingOperand,
    NearNeedsNumber,
    NearOperand,
    NearMixedFields,
    ProximityNeedsNumber,
    UnknownField,
    FieldNeedsValue,
    InvalidFieldValue,
    WildcardTooShort,
    NothingToFind,
    OnlyExclusions,
    TooDeep,
}

/// <summary>
/// Why a query cannot be used, and where: <see cref="Position"/> counts characters from 1, as a person reads them;
/// <see cref="Length"/> is how many characters to mark.
/// </summary>
public sealed record QueryError(QueryErrorKind Kind, int Position, int Length, string Subject)
{
    /// <summary>The reason in English, for the API and logs; the UI translates <see cref="Kind"/> itself.</summary>
    public string Reason => Kind switch
    {
        QueryErrorKind.Empty => "the query is empty",
        QueryErrorKind.TooLong => $"the query is longer than {QueryParser.MaxLength} characters",
        QueryErrorKind.UnclosedQuote => "unclosed quote",
        QueryErrorKind.UnclosedParenthesis => "unclosed parenthesis",
        QueryErrorKind.UnopenedParenthesis => "closing parenthesis without an opening one",
        QueryErrorKind.MissingOperand => $"{Subject} needs something to search on both sides",
        QueryErrorKind.NearNeedsNumber => "NEAR needs a number: NEAR/5",
        QueryErrorKind.NearOperand => "NEAR joins words, phrases or OR groups of them",
        QueryErrorKind.NearMixedFields => "both sides of NEAR must look in the same field",
        QueryErrorKind.ProximityNeedsNumber => "~ after a phrase needs a number: \"masa madre\"~3",
        QueryErrorKind.UnknownField => $"unknown field {Subject}: (author, lang, site, url, channel, title, sentiment, raw)",
        QueryErrorKind.FieldNeedsValue => $"{Subject}: needs a value",
        QueryErrorKind.InvalidFieldValue => $"invalid value for {Subject}",
        QueryErrorKind.WildcardTooShort => "a wildcard needs at least 2 letters before it: panad*",
        QueryErrorKind.NothingToFind => $"\"{Subject}\" has no letters or digits to search for",
        QueryErrorKind.OnlyExclusions => "the query only excludes: say what to look for, then what to leave out",
        QueryErrorKind.TooDeep => "too many nested parentheses",
        _ => Kind.ToString(),
    };

    public string Message => $"{Reason} at {Position}";

    public override string ToString() => Message;
}

/// <summary>Thrown by <see cref="QueryParser.Parse"/>; <see cref="QueryParser.TryParse"/> returns the error instead.</summary>
public sealed class QuerySyntaxException(QueryError error) : FormatException(error.Message)
{
    public QueryError Error { get; } = error;
}
