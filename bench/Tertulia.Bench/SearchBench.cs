using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Tertulia.Listening;
using Tertulia.Mentions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Tertulia.Storage;
using Tertulia.Web;

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
        var postgres = path.Contains("Host=", StringComparison.OrdinalIgnoreCase);
        var where = postgres ? "PostgreSQL database " + PostgresName(mentionCount) : path;
        Console.WriteLine($"search: {mentionCount:N0} mentions in {where}, {Queries.Length} queries x {repeats} runs, first page of {PageSize} plus the total (exact up to {MentionSearchResults.CountLimit:N0}, \"at least\" beyond)");
        var database = postgres ? await EnsurePostgresStoreAsync(path, mentionCount) : await EnsureSqliteStoreAsync(path, mentionCount);
        await using var app = TertuliaApp.Build(new ServeOptions { Database = database, Settings = { ["Tertulia:Polling:Enabled"] = "false" } });
        var search = app.Services.GetRequiredService<IMentionSearch>();
        var dbs = app.Services.GetRequiredService<IDbContextFactory<TertuliaDb>>();
        var language = new List<double>();
        var bare = new List<double>();
        Func<QueryNode, Task<(int Total, bool Matched)>> bareSearch = postgres ? q => BarePostgresAsync(dbs, q) : q => BareSqliteAsync(dbs, q);
        foreach (var text in Queries)
        {
            var query = QueryParser.Parse(text);
            var filter = new MentionFilter(1, query, 1, PageSize);
            var first = await search.SearchAsync(filter, CancellationToken.None);
            var total = (first.TotalIsLowerBound ? "≥" : "") + first.Total.ToString("N0");
            var (bareTotal, matched) = await bareSearch(query);
            var times = new List<double>();
            var bareTimes = new List<double>();
            for (var i = 0; i < repeats; i++)
            {
                var watch = Stopwatch.StartNew();
                await search.SearchAsync(filter, CancellationToken.None);
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (matched)
                {
                    watch.Restart();
                    await bareSearch(query);
                    bareTimes.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
            language.AddRange(times);
            bare.AddRange(bareTimes);
            Console.WriteLine($"  {text,-58} {total,9} results  median {Median(times),8:N1} ms | bare exact {(!matched ? "(none: no words to match)" : $"{bareTotal,8:N0} results  median {Median(bareTimes),8:N1} ms")}");
        }
        Console.WriteLine($"listening query search: p50 {Percentile(language, 50):N1} ms, p95 {Percentile(language, 95):N1} ms, max {language.Max():N1} ms");
        Console.WriteLine($"bare exact count + page: p50 {Percentile(bare, 50):N1} ms, p95 {Percentile(bare, 95):N1} ms (what search did before: every match counted, then sorted)");
        Console.WriteLine($"ratio p95 bare / search: {Percentile(bare, 95) / Percentile(language, 95):N1}x; load average now {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static string PostgresName(int count) => $"tertulia_search_{count}";

    /// <summary>The same words straight into PostgreSQL's GIN index: exact count, then the newest page.</summary>
    private static async Task<(int Total, bool Matched)> BarePostgresAsync(IDbContextFactory<TertuliaDb> dbs, QueryNode query)
    {
        await using var db = await dbs.CreateDbContextAsync();
        var ts = await PostgresMentionSearch.TsQueryAsync(db, query, CancellationToken.None);
        if (ts.Query is not { } tsquery)
        {
            return (-1, false);
        }
        var total = await db.Database.SqlQuery<int>(
            $"SELECT count(*)::int AS \"Value\" FROM \"Mentions\" WHERE \"WorkspaceId\" = 1 AND \"SearchVector\" @@ to_tsquery('simple', {tsquery})").SingleAsync();
        await db.Database.SqlQuery<long>(
            $"SELECT \"Id\" AS \"Value\" FROM \"Mentions\" WHERE \"WorkspaceId\" = 1 AND \"SearchVector\" @@ to_tsquery('simple', {tsquery}) ORDER BY \"Published\" DESC, \"Id\" DESC LIMIT {PageSize}").ToListAsync();
        return (total, true);
    }

    private static async Task<(int Total, bool Matched)> BareSqliteAsync(IDbContextFactory<TertuliaDb> dbs, QueryNode query)
    {
        if (Fts5Query.From(query).Match is not { } match)
        {
            return (-1, false);
        }
        await using var db = await dbs.CreateDbContextAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        return (await BareAsync(connection, match), true);
    }

    /// <summary>
    /// The same rows as the SQLite store, written with binary COPY (bench only), into a database kept for the next runs.
    /// </summary>
    private static async Task<string> EnsurePostgresStoreAsync(string server, int mentionCount)
    {
        var name = PostgresName(mentionCount);
        var database = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var exists = new NpgsqlCommand($"SELECT count(*) FROM pg_database WHERE datname = '{name}'", admin);
            if (Convert.ToInt32(await exists.ExecuteScalarAsync()) == 0)
            {
                await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin).ExecuteNonQueryAsync();
            }
        }
        await using (var app = TertuliaApp.Build(new ServeOptions { Database = database, Migrate = true, Settings = { ["Tertulia:Polling:Enabled"] = "false" } }))
        {
            await StorageRegistration.MigrateAsync(app.Services);
        }
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM \"Mentions\"", connection))
        {
            if (Convert.ToInt64(await count.ExecuteScalarAsync()) >= mentionCount)
            {
                return database;
            }
        }
        Console.WriteLine("building the store (once; kept for the next runs)...");
        var watch = Stopwatch.StartNew();
        await new NpgsqlCommand("""
            TRUNCATE "Mentions", "Channels", "Workspaces" CASCADE;
            INSERT INTO "Workspaces" ("Id", "Name", "Slug", "CreatedAt") VALUES (1, 'Bench', 'bench', now());
            INSERT INTO "Channels" ("Id", "WorkspaceId", "Kind", "Name", "Source", "Enabled", "CreatedAt", "PollInterval", "NextPollAt", "ErrorCount", "LastSkippedCount", "MentionCount")
            VALUES (1, 1, 'Feed', 'Blog feed', 'https://blog.example/feed', false, now(), interval '15 minutes', now(), 0, 0, 0);
            """, connection).ExecuteNonQueryAsync();
        var corpus = new SpanishCorpus(seed: 7);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(7);
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "Mentions" ("WorkspaceId", "ChannelId", "ExternalId", "Url", "Author", "Published", "IngestedAt", "Language", "Title", "Text", "Kind", "IsSpam") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var done = 0; done < mentionCount; done++)
            {
                var m = corpus.NextMention();
                var published = start.AddMilliseconds(random.NextInt64(0, 700L * 24 * 3600 * 1000));
                await copy.StartRowAsync();
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync($"m{done}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(m.Url, NpgsqlDbType.Varchar);
                await copy.WriteAsync(m.Author, NpgsqlDbType.Varchar);
                await copy.WriteAsync(published, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(published, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(m.Language, NpgsqlDbType.Varchar);
                await copy.WriteAsync(m.Title, NpgsqlDbType.Varchar);
                await copy.WriteAsync(m.Text, NpgsqlDbType.Text);
                await copy.WriteAsync("Post", NpgsqlDbType.Varchar);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                if ((done + 1) % 100_000 == 0)
                {
                    Console.WriteLine($"  {done + 1:N0} mentions ({watch.Elapsed.TotalSeconds:N0} s)");
                }
            }
            await copy.CompleteAsync();
        }
        await new NpgsqlCommand("SELECT setval(pg_get_serial_sequence('\"Mentions\"', 'Id'), (SELECT max(\"Id\") FROM \"Mentions\"))", connection).ExecuteNonQueryAsync();
        await new NpgsqlCommand("VACUUM ANALYZE \"Mentions\"", connection) { CommandTimeout = 0 }.ExecuteNonQueryAsync();
        Console.WriteLine($"  built in {watch.Elapsed.TotalSeconds:N0} s");
        return database;
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

    private static async Task<string> EnsureSqliteStoreAsync(string path, int mentionCount)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var app = TertuliaApp.Build(new ServeOptions { Database = path, Migrate = true, Settings = { ["Tertulia:Polling:Enabled"] = "false" } }))
        {
            await StorageRegistration.MigrateAsync(app.Services);
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<TertuliaDb>>().CreateDbContextAsync();
            if (await db.Mentions.CountAsync() >= mentionCount)
            {
                return path;
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
        return path;
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
