using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Tertulia.Channels;
using Tertulia.Ingestion;
using Tertulia.Listening;
using Tertulia.Mentions;
using Tertulia.Storage;
using Tertulia.Web;
using Tertulia.Workspaces;

namespace Tertulia.Bench;

/// <summary>
/// The same N generated mentions ingested through the real pipeline into SQLite and into PostgreSQL, then the same
/// listening queries searched on both (p50/p95 per store), beside the bare binary COPY rate of the same rows into
/// PostgreSQL (no pipeline, no dedupe, same indexes and generated search vector).
/// </summary>
public static class StoresBench
{
    public static readonly string[] Queries =
    [
        "pan", "\"masa madre\"", "croissant*", "candeal -oferta", "atencion excelente", "precio OR caro",
        "panader* NEAR/3 valladolid", "title:oferta", "author:ana", "niño",
    ];

    public static async Task RunAsync(int count, string server, int repeats)
    {
        // Measured twice per store: at a tenth of the run and at its end, so the growth with ten times the work shows
        // within one run, on the same machine at the same time.
        var checkpoints = new[] { Math.Max(2_000, count / 10 / 2_000 * 2_000), count }.Where(c => c <= count).Distinct().ToArray();
        Console.WriteLine($"stores: {count:N0} generated Spanish mentions (streamed, never all in memory), measured at {string.Join(" and ", checkpoints.Select(c => c.ToString("N0")))}; "
            + $"{Queries.Length} queries × {repeats}, {Environment.ProcessorCount} cores");
        var folder = Directory.CreateTempSubdirectory("tertulia-bench-stores-");
        var databases = new List<string>();
        try
        {
            var sqlite = await StoreAsync("SQLite", $"Data Source={Path.Combine(folder.FullName, "bench.db")}", count, checkpoints, repeats);
            if (Environment.GetEnvironmentVariable("TERTULIA_BENCH_STORES") == "sqlite")
            {
                // SQLite alone, to try a setting quickly; the figures to publish come from the full run.
                foreach (var p in sqlite)
                {
                    Console.WriteLine($"SQLite {p.Mentions,10:N0} {p.Mentions / p.Seconds,10:N0}/s {p.P50,9:F1}ms {p.P95,9:F1}ms {p.RankedP50,9:F1}ms {p.RankedP95,9:F1}ms");
                }
                if (sqlite.Count == 2)
                {
                    Console.WriteLine($"SQLite ingest time ×{sqlite[1].Seconds / sqlite[0].Seconds:F1} for ×{(double)sqlite[1].Mentions / sqlite[0].Mentions:F0} the work");
                }
                return;
            }
            var pgName = await CreateDatabaseAsync(server, databases);
            var postgres = await StoreAsync("PostgreSQL", new NpgsqlConnectionStringBuilder(server) { Database = pgName }.ConnectionString, count, checkpoints, repeats);
            var copy = await BareCopyAsync(server, databases, count, checkpoints);

            Console.WriteLine();
            Console.WriteLine($"{"store",-11} {"mentions",10} {"ingest/s",10} {"search p50",11} {"search p95",11} {"best-first p50",15} {"p95",11}");
            foreach (var (store, points) in new[] { ("SQLite", sqlite), ("PostgreSQL", postgres) })
            {
                foreach (var p in points)
                {
                    Console.WriteLine($"{store,-11} {p.Mentions,10:N0} {p.Mentions / p.Seconds,10:N0} {p.P50,9:F1}ms {p.P95,9:F1}ms {p.RankedP50,13:F1}ms {p.RankedP95,9:F1}ms");
                }
            }
            foreach (var p in copy)
            {
                Console.WriteLine($"{"bare COPY",-11} {p.Mentions,10:N0} {p.Mentions / p.Seconds,10:N0}   (rows/s into PostgreSQL, no pipeline)");
            }
            for (var i = 0; i < checkpoints.Length; i++)
            {
                var same = sqlite[i].Found.SequenceEqual(postgres[i].Found);
                Console.WriteLine($"at {checkpoints[i]:N0}: both stores found the same counts for all {Queries.Length} queries: {(same ? "yes" : "NO")}");
            }
            if (checkpoints.Length == 2)
            {
                var work = (double)checkpoints[1] / checkpoints[0];
                Console.WriteLine($"growth {checkpoints[0]:N0} → {checkpoints[1]:N0} (work ×{work:F0}); cost ×{work:F0} or less is linear or better:");
                foreach (var (store, p) in new[] { ("SQLite", sqlite), ("PostgreSQL", postgres) })
                {
                    var found = (double)p[1].Found.Sum() / Math.Max(1, p[0].Found.Sum());
                    Console.WriteLine($"  {store,-11} ingest time ×{p[1].Seconds / p[0].Seconds:F1}, search p50 ×{p[1].P50 / p[0].P50:F1}, p95 ×{p[1].P95 / p[0].P95:F1}, best-first p50 ×{p[1].RankedP50 / p[0].RankedP50:F1}, p95 ×{p[1].RankedP95 / p[0].RankedP95:F1} (mentions found ×{found:F1})");
                }
                Console.WriteLine($"  {"bare COPY",-11} time ×{copy[1].Seconds / copy[0].Seconds:F1}");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            foreach (var name in databases)
            {
                await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection).ExecuteNonQueryAsync();
            }
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Figures after the first <see cref="Mentions"/> mentions: ingest seconds so far, search times, counts found per query.</summary>
    private sealed record Point(int Mentions, double Seconds, double P50, double P95, int[] Found, double RankedP50, double RankedP95);

    private static async Task<List<Point>> StoreAsync(string store, string database, int count, int[] checkpoints, int repeats)
    {
        await using var app = TertuliaApp.Build(new ServeOptions
        {
            Urls = "http://127.0.0.1:0",
            Database = database,
            Migrate = true,
            Settings = new Dictionary<string, string?> { ["Tertulia:Polling:Enabled"] = "false" },
        });
        await StorageRegistration.MigrateAsync(app.Services);
        var (workspaceId, channelId) = await CreateChannelAsync(app.Services);
        var pipeline = app.Services.GetRequiredService<IngestionPipeline>();
        var points = new List<Point>();
        var ingesting = TimeSpan.Zero;
        var stored = 0;
        var watch = new Stopwatch();
        foreach (var delivery in SpanishMentions.Stream(count).Chunk(2_000))
        {
            watch.Restart();
            await pipeline.IngestAsync(channelId, delivery, null, CancellationToken.None);
            ingesting += watch.Elapsed;
            stored += delivery.Length;
            if (checkpoints.Contains(stored))
            {
                Console.WriteLine($"  {store}: {stored:N0} stored in {ingesting.TotalSeconds:F0} s ({stored / ingesting.TotalSeconds:N0}/s); load {Load()}");
                points.Add(await SearchAsync(app.Services, store, workspaceId, stored, ingesting.TotalSeconds, repeats));
            }
        }
        return points;
    }

    private static async Task<Point> SearchAsync(IServiceProvider services, string store, int workspaceId, int stored, double seconds, int repeats)
    {
        await using (var db = await services.GetRequiredService<IDbContextFactory<TertuliaDb>>().CreateDbContextAsync())
        {
            // What autovacuum does soon after a bulk load, done at once so the planner knows the table (and SQLite's too).
            await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? "ANALYZE" : "PRAGMA optimize");
        }
        var search = services.GetRequiredService<IMentionSearch>();
        var times = new List<double>();
        var ranked = new List<double>();
        var found = new List<int>();
        var watch = new Stopwatch();
        foreach (var q in Queries)
        {
            var query = QueryParser.Parse(q);
            var total = 0;
            var rankedTotal = 0;
            for (var i = 0; i < repeats; i++)
            {
                watch.Restart();
                total = (await search.SearchAsync(new MentionFilter(workspaceId, query), CancellationToken.None)).Total;
                times.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                rankedTotal = (await search.SearchAsync(new MentionFilter(workspaceId, query) { Order = MentionOrder.Relevance }, CancellationToken.None)).Total;
                ranked.Add(watch.Elapsed.TotalMilliseconds);
            }
            found.Add(total);
            Console.WriteLine($"  {store} at {stored:N0}: {q,-30} {total,9:N0} found{(rankedTotal == total ? "" : $" — {rankedTotal:N0} by relevance: NOT THE SAME")}");
        }
        times.Sort();
        ranked.Sort();
        return new Point(stored, seconds, times[times.Count / 2], times[(int)(times.Count * 0.95)], found.ToArray(),
            ranked[ranked.Count / 2], ranked[(int)(ranked.Count * 0.95)]);
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static async Task<(int Workspace, int Channel)> CreateChannelAsync(IServiceProvider services)
    {
        var workspace = await services.CreateScope().ServiceProvider.GetRequiredService<WorkspaceCatalog>().CreateAsync("Bench", null, default);
        await using var db = await services.GetRequiredService<IDbContextFactory<TertuliaDb>>().CreateDbContextAsync();
        var channel = new Channel { WorkspaceId = workspace.Id, Kind = ChannelKind.Feed, Name = "bench", Source = "https://blog.example/feed", Enabled = false };
        db.Channels.Add(channel);
        await db.SaveChangesAsync();
        return (workspace.Id, channel.Id);
    }

    private static async Task<string> CreateDatabaseAsync(string server, List<string> databases)
    {
        var name = "tertulia_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection).ExecuteNonQueryAsync();
        databases.Add(name);
        return name;
    }

    /// <summary>
    /// The same rows as the pipeline stores, written with binary COPY (one COPY per checkpoint segment). Rows are
    /// prepared in blocks beforehand and only the writing is timed.
    /// </summary>
    private static async Task<List<Point>> BareCopyAsync(string server, List<string> databases, int count, int[] checkpoints)
    {
        var database = new NpgsqlConnectionStringBuilder(server) { Database = await CreateDatabaseAsync(server, databases) }.ConnectionString;
        int workspaceId, channelId;
        await using (var app = TertuliaApp.Build(new ServeOptions { Database = database, Migrate = true, Settings = { ["Tertulia:Polling:Enabled"] = "false" } }))
        {
            await StorageRegistration.MigrateAsync(app.Services);
            (workspaceId, channelId) = await CreateChannelAsync(app.Services);
        }
        var now = DateTimeOffset.UtcNow;
        var tags = new System.Text.RegularExpressions.Regex("<[^>]+>", System.Text.RegularExpressions.RegexOptions.Compiled);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var points = new List<Point>();
        var writing = TimeSpan.Zero;
        var watch = new Stopwatch();
        using var items = SpanishMentions.Stream(count).GetEnumerator();
        var copied = 0;
        foreach (var checkpoint in checkpoints)
        {
            NpgsqlBinaryImporter? copy = null;
            while (copied < checkpoint)
            {
                var rows = new List<(IncomingItem Item, string Text)>();
                while (rows.Count < 10_000 && copied + rows.Count < checkpoint && items.MoveNext())
                {
                    rows.Add((items.Current, System.Net.WebUtility.HtmlDecode(tags.Replace(items.Current.Html!, " "))));
                }
                watch.Restart();
                copy ??= await connection.BeginBinaryImportAsync(
                    """COPY "Mentions" ("WorkspaceId", "ChannelId", "ExternalId", "Url", "Author", "Published", "IngestedAt", "Title", "Text", "Html", "Kind", "IsSpam") FROM STDIN (FORMAT BINARY)""");
                foreach (var (i, text) in rows)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(workspaceId, NpgsqlDbType.Integer);
                    await copy.WriteAsync(channelId, NpgsqlDbType.Integer);
                    await copy.WriteAsync(i.ExternalId, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(i.Url, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(i.Author, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(i.Published!.Value.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(i.Title, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(text, NpgsqlDbType.Text);
                    await copy.WriteAsync(i.Html, NpgsqlDbType.Text);
                    await copy.WriteAsync(i.IsComment ? "Comment" : "Post", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                }
                writing += watch.Elapsed;
                copied += rows.Count;
                if (rows.Count == 0)
                {
                    break;
                }
            }
            if (copy is not null)
            {
                watch.Restart();
                await copy.CompleteAsync();
                await copy.DisposeAsync();
                writing += watch.Elapsed;
            }
            Console.WriteLine($"  bare COPY: {copied:N0} rows in {writing.TotalSeconds:F0} s ({copied / writing.TotalSeconds:N0}/s); load {Load()}");
            points.Add(new Point(copied, writing.TotalSeconds, 0, 0, [], 0, 0));
        }
        return points;
    }
}
