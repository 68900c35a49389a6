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
        Console.WriteLine($"stores: {count:N0} generated Spanish mentions, {Queries.Length} queries × {repeats}, {Environment.ProcessorCount} cores");
        var items = SpanishMentions.Generate(count);
        var folder = Directory.CreateTempSubdirectory("tertulia-bench-stores-");
        var databases = new List<string>();
        try
        {
            var sqlite = await StoreAsync("SQLite", $"Data Source={Path.Combine(folder.FullName, "bench.db")}", items, repeats);
            var pgName = await CreateDatabaseAsync(server, databases);
            var postgres = await StoreAsync("PostgreSQL", new NpgsqlConnectionStringBuilder(server) { Database = pgName }.ConnectionString, items, repeats);
            var copyRate = await BareCopyAsync(server, databases, items);
            Console.WriteLine($"{"store",-11} {"ingest/s",10} {"search p50",11} {"search p95",11}");
            foreach (var r in new[] { sqlite, postgres })
            {
                Console.WriteLine($"{r.Store,-11} {r.Rate,10:N0} {r.P50,9:F1}ms {r.P95,9:F1}ms");
            }
            Console.WriteLine($"{"bare COPY",-11} {copyRate,10:N0}   (rows/s into PostgreSQL, no pipeline)");
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

    private sealed record Figures(string Store, double Rate, double P50, double P95);

    private static async Task<Figures> StoreAsync(string store, string database, List<IncomingItem> items, int repeats)
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
        var watch = Stopwatch.StartNew();
        foreach (var delivery in items.Chunk(2_000))
        {
            await pipeline.IngestAsync(channelId, delivery, null, CancellationToken.None);
        }
        var rate = items.Count / watch.Elapsed.TotalSeconds;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<TertuliaDb>>().CreateDbContextAsync())
        {
            // What autovacuum does soon after a bulk load, done at once so the planner knows the table (and SQLite's too).
            await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? "ANALYZE" : "PRAGMA optimize");
        }

        var search = app.Services.GetRequiredService<IMentionSearch>();
        var times = new List<double>();
        foreach (var q in Queries)
        {
            var query = QueryParser.Parse(q);
            var total = 0;
            for (var i = 0; i < repeats; i++)
            {
                watch.Restart();
                total = (await search.SearchAsync(new MentionFilter(workspaceId, query), CancellationToken.None)).Total;
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"  {store}: {q,-30} {total,8:N0} found");
        }
        times.Sort();
        return new Figures(store, rate, times[times.Count / 2], times[(int)(times.Count * 0.95)]);
    }

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

    /// <summary>The same rows as the pipeline stores, prepared beforehand, written with binary COPY: only the COPY is timed.</summary>
    private static async Task<double> BareCopyAsync(string server, List<string> databases, List<IncomingItem> items)
    {
        var database = new NpgsqlConnectionStringBuilder(server) { Database = await CreateDatabaseAsync(server, databases) }.ConnectionString;
        await using (var app = TertuliaApp.Build(new ServeOptions { Database = database, Migrate = true, Settings = { ["Tertulia:Polling:Enabled"] = "false" } }))
        {
            await StorageRegistration.MigrateAsync(app.Services);
            await CreateChannelAsync(app.Services);
        }
        var now = DateTimeOffset.UtcNow;
        var rows = items.Select(i => (i.ExternalId, i.Url, i.Author, Published: i.Published!.Value.ToUniversalTime(), i.Title,
            Text: System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(i.Html!, "<[^>]+>", " ")), i.Html,
            Kind: i.IsComment ? "Comment" : "Post")).ToList();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var watch = Stopwatch.StartNew();
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "Mentions" ("WorkspaceId", "ChannelId", "ExternalId", "Url", "Author", "Published", "IngestedAt", "Title", "Text", "Html", "Kind", "IsSpam") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var r in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(r.ExternalId, NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.Url, NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.Author, NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.Published, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(r.Title, NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.Text, NpgsqlDbType.Text);
                await copy.WriteAsync(r.Html, NpgsqlDbType.Text);
                await copy.WriteAsync(r.Kind, NpgsqlDbType.Varchar);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
            }
            await copy.CompleteAsync();
        }
        return rows.Count / watch.Elapsed.TotalSeconds;
    }
}
