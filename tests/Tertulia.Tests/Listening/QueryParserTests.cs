using Tertulia.Listening;
using Xunit;

namespace Tertulia.Tests.Listening;

public sealed class QueryParserTests
{
    [Theory]
    [InlineData("masa madre", "masa AND madre")]
    [InlineData("pan OR tarta masa", "pan OR tarta AND masa")]
    [InlineData("(pan OR tarta) masa", "(pan OR tarta) AND masa")]
    [InlineData("candeal -Valladolid", "candeal AND NOT Valladolid")]
    [InlineData("NOT pan AND tarta", "NOT pan AND tarta")]
    [InlineData("NOT (pan AND tarta) horno", "NOT (pan AND tarta) AND horno")]
    [InlineData("\"masa madre\"~3 OR \"pan candeal\"", "\"masa madre\"~3 OR \"pan candeal\"")]
    [InlineData("candeal NEAR/3 pan", "candeal NEAR/3 pan")]
    [InlineData("(candeal OR horno) NEAR/5f \"masa madre\"", "(candeal OR horno) NEAR/5f \"masa madre\"")]
    [InlineData("panader* OR cruas?n", "panader* OR cruas?n")]
    [InlineData("autor:marisa idioma:es sitio:elnorte.es", "author:marisa AND lang:es AND site:elnorte.es")]
    [InlineData("title:(pan OR tarta)", "title:pan OR title:tarta")]
    // A quoted value inside a value field's group is one value, as written directly (found by the robustness property).
    [InlineData("sitio:(\"elnorte.es\" OR abc.es)", "site:elnorte.es OR site:abc.es")]
    [InlineData("sentimiento:negativo url:/opinion/ channel:blog raw:OCU", "sentiment:negativo AND url:/opinion/ AND channel:blog AND raw:OCU")]
    [InlineData("#MasaMadre @hornoelcandeal", "#MasaMadre AND @hornoelcandeal")]
    [InlineData("“El Candeal” ¿abierto?", "\"El Candeal\" AND ¿abierto?")]
    public void Parses_and_prints_the_canonical_form(string query, string printed) =>
        Assert.Equal(printed, QueryPrinter.Print(QueryParser.Parse(query)));

    [Theory]
    [InlineData("masa madre AND \"pan candeal", QueryErrorKind.UnclosedQuote, 16, "unclosed quote at 16")]
    [InlineData("candeal NEAR pan", QueryErrorKind.NearNeedsNumber, 9, "NEAR needs a number: NEAR/5 at 9")]
    [InlineData("candeal NEAR/x pan", QueryErrorKind.NearNeedsNumber, 9, "NEAR needs a number: NEAR/5 at 9")]
    [InlineData("(pan OR tarta", QueryErrorKind.UnclosedParenthesis, 1, "unclosed parenthesis at 1")]
    [InlineData("pan OR tarta)", QueryErrorKind.UnopenedParenthesis, 13, "closing parenthesis without an opening one at 13")]
    [InlineData("pan AND", QueryErrorKind.MissingOperand, 5, "AND needs something to search on both sides at 5")]
    [InlineData("OR pan", QueryErrorKind.MissingOperand, 1, "OR needs something to search on both sides at 1")]
    [InlineData("pan OR OR tarta", QueryErrorKind.MissingOperand, 5, "OR needs something to search on both sides at 5")]
    [InlineData("-candeal", QueryErrorKind.OnlyExclusions, 1, "the query only excludes: say what to look for, then what to leave out at 1")]
    [InlineData("pan autr:marisa", QueryErrorKind.UnknownField, 5, "unknown field autr: (author, lang, site, url, channel, title, sentiment, raw) at 5")]
    [InlineData("pan sentiment:feliz", QueryErrorKind.InvalidFieldValue, 5, "invalid value for sentiment at 5")]
    [InlineData("\"masa madre\"~ pan", QueryErrorKind.ProximityNeedsNumber, 13, "~ after a phrase needs a number: \"masa madre\"~3 at 13")]
    [InlineData("p* OR pan", QueryErrorKind.WildcardTooShort, 1, "a wildcard needs at least 2 letters before it: panad* at 1")]
    [InlineData("pan AND (candeal AND tarta) NEAR/3 horno", QueryErrorKind.NearOperand, 29, "NEAR joins words, phrases or OR groups of them at 29")]
    [InlineData("title:pan NEAR/3 horno", QueryErrorKind.NearMixedFields, 11, "both sides of NEAR must look in the same field at 11")]
    [InlineData("pan ¿? tarta", QueryErrorKind.NothingToFind, 5, "\"¿?\" has no letters or digits to search for at 5")]
    [InlineData("   ", QueryErrorKind.Empty, 1, "the query is empty at 1")]
    [InlineData("pan title:", QueryErrorKind.FieldNeedsValue, 5, "title: needs a value at 5")]
    public void Rejects_a_query_with_the_position_and_the_reason(string query, QueryErrorKind kind, int position, string message)
    {
        Assert.False(QueryParser.TryParse(query, out _, out var error));
        Assert.Equal(kind, error!.Kind);
        Assert.Equal(position, error.Position);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Rejects_queries_longer_than_the_limit() =>
        Assert.Equal(QueryErrorKind.TooLong, Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(new string('a', 5000))).Error.Kind);

    [Fact]
    public void Rejects_deeply_nested_parentheses_instead_of_overflowing_the_stack() =>
        Assert.Equal(QueryErrorKind.TooDeep, Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(new string('(', 200) + "pan" + new string(')', 200))).Error.Kind);
}
