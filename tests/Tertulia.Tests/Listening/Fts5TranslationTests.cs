using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Data.Sqlite;
using Tertulia.Listening;
using Tertulia.Mentions;
using Xunit;

namespace Tertulia.Tests.Listening;

/// <summary>
/// Search relies on FTS5 never losing a match the matcher would make, and on "exact" translations being exact.
/// Checked against a real FTS5 table with the store's tokenizer.
/// </summary>
[Properties(Arbitrary = [typeof(QueryGenerators)], MaxTest = 200)]
public sealed class Fts5TranslationTests : IDisposable
{
    private static readonly string[] Texts =
    [
        "pan de masa madre", "Masa madre y pan", "madre de la masa", "la tarta de queso del Candeal", "Café con año nuevo",
        "un cafe el ano pasado", "#Horno y #MasaMadre", "@horno en Valladolid", "el horno de la madre", "pan pan pan",
        "tarta, café y pan", "¿Candeal? ¡Sí!", "«masa» madre", "madre", "Pan Candeal", "candeal tarta horno masa",
    ];

    /// <summary>Addresses as publishers write them: capitals, ports, subdomains, look-alikes, a host in the query string.</summary>
    private static readonly string?[] Urls =
    [
        "https://WWW.ElNorte.es/2026/pan-de-pueblo", "http://elnorte.es:8080/pan", "https://noelnorte.es/pan", null,
        "https://elnorte.es.otro.example/pan", "https://otro.example/?ref=elnorte.es", "https://blog.candeal.example/tarta",
        "HTTPS://CANDEAL.EXAMPLE", "https://elnorte.es", "https://candeal-example.es/x", "https://user@elnorte.es/login",
    ];

    private static string? UrlOf(int id) => Urls[(id - 1) % Urls.Length];

    private readonly SqliteConnection _db = new("Data Source=:memory:");

    public Fts5TranslationTests()
    {
        _db.Open();
        Execute("CREATE VIRTUAL TABLE \"MentionIndex\" USING fts5(\"Title\", \"Text\", \"Author\", \"Url\", tokenize='unicode61 remove_diacritics 2')");
        for (var i = 0; i < Texts.Length; i++)
        {
            var url = UrlOf(i + 1) is { } u ? $"'{u}'" : "NULL";
            Execute($"INSERT INTO \"MentionIndex\"(rowid, \"Title\", \"Text\", \"Author\", \"Url\") VALUES ({i + 1}, NULL, '{Texts[i].Replace("'", "''")}', 'Ana', {url})");
        }
    }

    [Property]
    public bool Fts5_never_misses_what_the_matcher_finds_and_is_exact_when_it_says_so(QueryNode query)
    {
        var fts = Fts5Query.From(query);
        var matcher = Enumerable.Range(1, Texts.Length).Where(id => QuerySet.Matches(query, new MentionDocument(null, Texts[id - 1]) { Url = UrlOf(id) })).ToHashSet();
        if (fts.Match is null)
        {
            return !fts.Exact;
        }
        var found = Match(fts.Match);
        return matcher.IsSubsetOf(found) && (!fts.Exact || matcher.SetEquals(found));
    }

    [Theory]
    [InlineData("pan", true)]
    [InlineData("\"masa madre\"", true)]
    [InlineData("pan* -tarta", true)]
    [InlineData("pan NEAR/2 madre", false)]
    [InlineData("año", false)]
    [InlineData("#horno", false)]
    [InlineData("lang:es", false)]
    [InlineData("site:elnorte.es", false)]
    public void Simple_queries_need_no_recheck(string query, bool exact) =>
        Assert.Equal(exact, Fts5Query.From(QueryParser.Parse(query)).Exact);

    private HashSet<int> Match(string match)
    {
        using var command = _db.CreateCommand();
        command.CommandText = "SELECT rowid FROM \"MentionIndex\" WHERE \"MentionIndex\" MATCH $q";
        command.Parameters.AddWithValue("$q", match);
        using var reader = command.ExecuteReader();
        var ids = new HashSet<int>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt32(0));
        }
        return ids;
    }

    private void Execute(string sql)
    {
        using var command = _db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _db.Dispose();
}
