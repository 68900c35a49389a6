using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tertulia.Channels;
using Tertulia.Ingestion;
using Tertulia.Storage;
using Tertulia.Web;
using Tertulia.Workspaces;

namespace Tertulia.Bench;

/// <summary>
/// Ingests N realistic mentions through the real pipeline into a fresh SQLite file, then inserts the same
/// rows with a bare batched, prepared INSERT into another fresh file with the same schema (FTS triggers
/// included), and prints both rates and their ratio.
/// </summary>
public static class IngestBenchmark
{
    public static async Task RunAsync(int count, string parts)
    {
        Console.WriteLine($"ingest: {count:N0} generated Spanish mentions, batches of {IngestionPipeline.BatchSize}, {Environment.ProcessorCount} cores");
        // Dated in the past, as an import is: from the default start, past ~160,000 items they would be in the future
        // and the pipeline would date them all at arrival, into one hour whose rollups every batch recomputes.
        var items = SpanishMentions.Generate(count, start: SpanishMentions.StartEndingBefore(DateTimeOffset.UtcNow, count));
        Console.WriteLine($"dated {items[0].Published:yyyy-MM-dd HH:mm} to {items[^1].Published:yyyy-MM-dd HH:mm} UTC, one every {SpanishMentions.MinutesApart} minutes");
        var folder = Directory.CreateTempSubdirectory("tertulia-bench-");
        try
        {
            var (pipelineRate, pipelineRows) = await PipelineAsync(items, Path.Combine(folder.FullName, "pipeline.db"));
            if (parts == "pipeline")
            {
                Console.WriteLine($"pipeline:    {pipelineRate,12:N0} mentions/s  ({pipelineRows:N0} rows stored)");
                return;
            }
            var (bareRate, bareRows) = await BareInsertAsync(items, Path.Combine(folder.FullName, "bare.db"));
            Console.WriteLine($"pipeline:    {pipelineRate,12:N0} mentions/s  ({pipelineRows:N0} rows stored)");
            Console.WriteLine($"bare INSERT: {bareRate,12:N0} rows/s      ({bareRows:N0} rows stored)");
            Console.WriteLine($"ratio pipeline/bare: {pipelineRate / bareRate:P1}  (bare is {bareRate / pipelineRate:F2}x faster)");
            var again = await RepollAsync(items, Path.Combine(folder.FullName, "pipeline.db"));
            Console.WriteLine($"re-ingest of the same {count:N0} items: {again.Added} added, {again.Duplicates:N0} recognised as duplicates");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static WebApplicationLite Build(string path) => new(TertuliaApp.Build(new ServeOptions
    {
        Urls = "http://127.0.0.1:0",
        Database = $"Data Source={path}",
        Settings = new Dictionary<string, string?> { ["Tertulia:Polling:Enabled"] = "false" },
    }));

    private static async Task<(double Rate, int Rows)> PipelineAsync(List<IncomingItem> items, string path)
    {
        await using var app = Build(path);
        await StorageRegistration.MigrateAsync(app.Services);
        var channelId = await CreateChannelAsync(app.Services);
        var pipeline = app.Services.GetRequiredService<IngestionPipeline>();
        var watch = Stopwatch.StartNew();
        // Adapters deliver what one poll brings; feed the pipeline in poll-sized deliveries.
        foreach (var delivery in items.Chunk(2_000))
        {
            await pipeline.IngestAsync(channelId, delivery, null, CancellationToken.None);
        }
        watch.Stop();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TertuliaDb>>().CreateDbContextAsync();
        return (items.Count / watch.Elapsed.TotalSeconds, await db.Mentions.CountAsync());
    }

    private static async Task<IngestResult> RepollAsync(List<IncomingItem> items, string path)
    {
        await using var app = Build(path);
        var pipeline = app.Services.GetRequiredService<IngestionPipeline>();
        var result = IngestResult.None;
        foreach (var delivery in items.Chunk(2_000))
        {
            result = result.Plus(await pipeline.IngestAsync(1, delivery, null, CancellationToken.None));
        }
        return result;
    }

    private static async Task<(double Rate, int Rows)> BareInsertAsync(List<IncomingItem> items, string path)
    {
        await using (var app = Build(path))
        {
            await StorageRegistration.MigrateAsync(app.Services);
            await CreateChannelAsync(app.Services);
        }
        // The same rows as the pipeline would store, prepared beforehand: only the INSERTs are timed.
        var rows = items.Select(i => new
        {
            i.ExternalId, i.Url, i.Author, Published = i.Published!.Value.ToUnixTimeMilliseconds(), i.Title,
            Text = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(i.Html!, "<[^>]+>", " ")), i.Html,
            Kind = i.IsComment ? "Comment" : "Post",
        }).ToList();
        await using var connection = new SqliteConnection(StorageRegistration.SqliteConnectionString(path));
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
            await pragma.ExecuteNonQueryAsync();
        }
        var watch = Stopwatch.StartNew();
        foreach (var batch in rows.Chunk(IngestionPipeline.BatchSize))
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT INTO "Mentions" ("WorkspaceId","ChannelId","ExternalId","Url","Author","Published","IngestedAt","Title","Text","Html","Kind")
                VALUES (1, 1, $e, $u, $a, $p, $p, $t, $x, $h, $k)
                """;
            var e = insert.Parameters.Add("$e", SqliteType.Text);
            var u = insert.Parameters.Add("$u", SqliteType.Text);
            var a = insert.Parameters.Add("$a", SqliteType.Text);
            var p = insert.Parameters.Add("$p", SqliteType.Integer);
            var t = insert.Parameters.Add("$t", SqliteType.Text);
            var x = insert.Parameters.Add("$x", SqliteType.Text);
            var h = insert.Parameters.Add("$h", SqliteType.Text);
            var k = insert.Parameters.Add("$k", SqliteType.Text);
            insert.Prepare();
            foreach (var row in batch)
            {
                e.Value = row.ExternalId;
                u.Value = (object?)row.Url ?? DBNull.Value;
                a.Value = (object?)row.Author ?? DBNull.Value;
                p.Value = row.Published;
                t.Value = (object?)row.Title ?? DBNull.Value;
                x.Value = row.Text;
                h.Value = row.Html;
                k.Value = row.Kind;
                await insert.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
        watch.Stop();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM \"Mentions\"";
        return (rows.Count / watch.Elapsed.TotalSeconds, Convert.ToInt32(await count.ExecuteScalarAsync()));
    }

    private static async Task<int> CreateChannelAsync(IServiceProvider services)
    {
        var workspace = await services.CreateScope().ServiceProvider.GetRequiredService<WorkspaceCatalog>().CreateAsync("Bench", null, default);
        await using var db = await services.GetRequiredService<IDbContextFactory<TertuliaDb>>().CreateDbContextAsync();
        var channel = new Channel { WorkspaceId = workspace.Id, Kind = ChannelKind.Feed, Name = "bench", Source = "https://blog.example/feed", Enabled = false };
        db.Channels.Add(channel);
        await db.SaveChangesAsync();
        return channel.Id;
    }

    /// <summary>The app's services without starting its server.</summary>
    private sealed class WebApplicationLite(Microsoft.AspNetCore.Builder.WebApplication app) : IAsyncDisposable
    {
        public IServiceProvider Services => app.Services;
        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
