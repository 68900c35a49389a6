using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Tertulia.Listening;
using Tertulia.Mentions;
using Tertulia.Storage;

namespace Tertulia.Bench;

/// <summary>
/// Search latency on a SQLite store of generated mentions: 20 varied listening queries through the real search
/// (FTS5 prefilter + re-check where needed) beside the bare FTS5 MATCH of the same terms with an exact count (what
/// search did before), both fetching the first page of 50.
/// </summary>
public static class SearchBench
{
    public static readonly string[] Queries =
    [
        "candeal",
        "\"masa madre\"",
        "tarta queso",
        "cruasanes OR magdalenas",
        "precio* caro",
        "\"Horno El Candeal\" -fatal",
        "atención excelente -cola",
        "\"pan sin gluten\" OR #SinGluten",
        "urgencias OR intoxicación OR alérgica",
        "(\"Café Colón\" OR cafecolon) AND (precio* OR oferta*)",
        "bicisruiz",
        "#MasaMadre",
        "\"Almendra y Miel\" NEAR/6 (atención OR trato)",
        "\"tarta queso\"~2",
        "Iñaki",
        "\"nunca más\" AND NOT author:\"Marisa Llorente\"",
        "title:empanadas",
        "decepci?n",
        "raw:Valladolid roscón",
        "site:elnortedecastilla.es AND pingüino",
    ];

    public const int PageSize = 50;

    public static async Task RunAsync(int mentionCount, int repeats, string path)
    {
        Console.WriteLine($"search: {mentionCount:N0} mentions in {path}, {Queries.Length} queries x {repeats} runs, first page of 50 plus the total (exact up to {MentionSearchResults.CountLimit:N0}, \"at least\" beyond)");
        var options = new DbContextOptionsBuilder<TertuliaDb>()
            .UseSqlite(StorageRegistration.SqliteConnectionString(path))
            .AddInterceptors(new SqlitePragmas())
            .Options;
        var dbs = new PooledDbContextFactory<TertuliaDb>(options);
        await EnsureStoreAsync(dbs, path, mentionCount);

        var search = new SqliteMentionSearch(dbs);
        var language = new List<double>();
        var bare = new List<double>();
        await using var connection = new SqliteConnection(StorageRegistration.SqliteConnectionString(path));
        await connection.OpenAsync();
        foreach (var text in Queries)
        {
            var query = QueryParser.Parse(text);
            var fts = Fts5Query.From(query);
            var filter = new MentionFilter(1, query, 1, PageSize);
            var first = await search.SearchAsync(filter, CancellationToken.None);
            var total = (first.TotalIsLowerBound ? "≥" : "") + first.Total.ToString("N0");
            var bareTotal = fts.Match is null ? -1 : await BareAsync(connection, fts.Match);
            var times = new List<double>();
            var bareTimes = new List<double>();
            for (var i = 0; i < repeats; i++)
            {
                var watch = Stopwatch.StartNew();
                await search.SearchAsync(filter, CancellationToken.None);
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (fts.Match is not null)
                {
                    watch.Restart();
                    await BareAsync(connection, fts.Match);
                    bareTimes.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
            language.AddRange(times);
            bare.AddRange(bareTimes);
            Console.WriteLine($"  {text,-58} {total,9} results  median {Median(times),8:N1} ms | bare FTS5 {(fts.Match is null ? "(none: no words to match)" : $"{bareTotal,8:N0} results  median {Median(bareTimes),8:N1} ms")}{(fts.Exact ? "" : "  [re-checked]")}");
        }
        Console.WriteLine($"listening query search: p50 {Percentile(language, 50):N1} ms, p95 {Percentile(language, 95):N1} ms");
        Console.WriteLine($"bare FTS5 MATCH:        p50 {Percentile(bare, 50):N1} ms, p95 {Percentile(bare, 95):N1} ms");
    }

    /// <summary>The same terms straight into FTS5: count, then the newest 20.</summary>
    private static async Task<int> BareAsync(SqliteConnection connection, string match)
    {
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM \"Mentions\" WHERE \"WorkspaceId\" = 1 AND \"Id\" IN (SELECT rowid FROM \"MentionIndex\" WHERE \"MentionIndex\" MATCH $q)";
        count.Parameters.AddWithValue("$q", match);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync());
        await using var page = connection.CreateCommand();
        page.CommandText = "SELECT * FROM \"Mentions\" WHERE \"WorkspaceId\" = 1 AND \"Id\" IN (SELECT rowid FROM \"MentionIndex\" WHERE \"MentionIndex\" MATCH $q) ORDER BY \"Published\" DESC, \"Id\" DESC LIMIT " + PageSize;
        page.Parameters.AddWithValue("$q", match);
        await using var reader = await page.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
        return total;
    }

    private static async Task EnsureStoreAsync(IDbContextFactory<TertuliaDb> dbs, string path, int mentionCount)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var db = await dbs.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            if (await db.Mentions.CountAsync() >= mentionCount)
            {
                return;
            }
        }
        Console.WriteLine("building the store (once; kept for the next runs)...");
        var watch = Stopwatch.StartNew();
        await using var connection = new SqliteConnection(StorageRegistration.SqliteConnectionString(path));
        await connection.OpenAsync();
        await Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; DELETE FROM \"Mentions\"; DELETE FROM \"Channels\"; DELETE FROM \"Workspaces\";");
        await Exec(connection, "INSERT INTO \"Workspaces\" (\"Id\", \"Name\", \"Slug\", \"CreatedAt\") VALUES (1, 'Bench', 'bench', 0);");
        await Exec(connection, "INSERT INTO \"Channels\" (\"Id\", \"WorkspaceId\", \"Kind\", \"Name\", \"Source\", \"Enabled\", \"CreatedAt\", \"PollInterval\", \"NextPollAt\", \"ErrorCount\", \"LastSkippedCount\", \"MentionCount\") VALUES (1, 1, 'Feed', 'Blog feed', 'https://blog.example/feed', 0, 0, '00:15:00', 0, 0, 0, 0);");
        var corpus = new SpanishCorpus(seed: 7);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var random = new Random(7);
        for (var done = 0; done < mentionCount;)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO \"Mentions\" (\"WorkspaceId\", \"ChannelId\", \"ExternalId\", \"Url\", \"Author\", \"Published\", \"IngestedAt\", \"Language\", \"Title\", \"Text\", \"Kind\") VALUES (1, 1, $id, $url, $author, $published, $published, $lang, $title, $text, 'Post')";
            var p = new[] { "$id", "$url", "$author", "$published", "$lang", "$title", "$text" }.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
            insert.Prepare();
            for (var i = 0; i < 50_000 && done < mentionCount; i++, done++)
            {
                var m = corpus.NextMention();
                p[0].Value = $"m{done}";
                p[1].Value = (object?)m.Url ?? DBNull.Value;
                p[2].Value = (object?)m.Author ?? DBNull.Value;
                p[3].Value = start + random.NextInt64(0, 700L * 24 * 3600 * 1000);
                p[4].Value = (object?)m.Language ?? DBNull.Value;
                p[5].Value = (object?)m.Title ?? DBNull.Value;
                p[6].Value = m.Text;
                await insert.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
            Console.WriteLine($"  {done:N0} mentions ({watch.Elapsed.TotalSeconds:N0} s)");
        }
        await Exec(connection, "INSERT INTO \"MentionIndex\"(\"MentionIndex\") VALUES ('optimize'); PRAGMA optimize;");
    }

    private static async Task Exec(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static double Median(List<double> values) => Percentile(values, 50);

    private static double Percentile(List<double> values, int percent)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
