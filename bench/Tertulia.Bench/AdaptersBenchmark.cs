using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tertulia.Channels;
using Tertulia.Channels.Bluesky;
using Tertulia.Channels.Feeds;
using Tertulia.Ingestion;
using Tertulia.Listening;
using Tertulia.Storage;
using Tertulia.Web;
using Tertulia.Workspaces;

namespace Tertulia.Bench;

/// <summary>
/// Items per second through each adapter's parse path into the pipeline, beside the pipeline fed the same items from
/// memory in the same run: Bluesky firehose frames (recorded from the local PDS, decoded for real each round: DAG-CBOR
/// header and body, CAR blocks, post records, brand filter), RSS/Atom documents (FeedParser) and raw emails as an IMAP
/// fetch hands them over (MimeKit → item). Each path writes to its own fresh SQLite file.
/// </summary>
public static class AdaptersBenchmark
{
    private const int Delivery = 500;
    private const int Repeats = 3;

    public static async Task RunAsync(int count)
    {
        Console.WriteLine($"adapters: about {count:N0} items per adapter, deliveries of {Delivery}, {Environment.ProcessorCount} cores");
        var folder = Directory.CreateTempSubdirectory("tertulia-bench-adapters-");
        try
        {
            // Warm-up (JIT, SQLite, sanitizer): the first measured path must not pay for starting the process.
            var warmUp = EmailBenchmark.Generate(2_000).Select(EmailBenchmark.Parse).ToList();
            await IngestAsync(Path.Combine(folder.FullName, "warm-up.db"), ChannelKind.Email, async (pipeline, channel) =>
            {
                foreach (var delivery in warmUp.Chunk(Delivery))
                {
                    await pipeline.IngestAsync(channel, delivery, null, CancellationToken.None);
                }
            });
            await FirehoseAsync(count, folder.FullName);
            await FeedsAsync(count, folder.FullName);
            await EmailAsync(count, folder.FullName);
            Console.WriteLine($"load average after: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task FirehoseAsync(int count, string folder)
    {
        var frames = RecordedFrames();
        // The recording's brand, and a query that keeps the one post that neither mentions it nor answers it.
        var brandDid = "did:plc:3hewanxr674yufsrw4fqx5by";
        QueryParser.TryParse("llueve", out var query, out _);
        var queries = QuerySet.Compile([(1, query!)]);
        List<IncomingItem> Round(int round)
        {
            var batch = new FirehoseBatch(new BlueskyInterest(brandDid, "panaderia4g8qv6.test", queries), new Dictionary<string, string>());
            foreach (var frame in frames)
            {
                batch.Add(frame);
            }
            // Same frames every round: the ids get the round so each round is new mentions (threads stay within a round).
            return batch.Items().Select(i => i with
            {
                ExternalId = $"{i.ExternalId}#{round}",
                ParentExternalId = i.ParentExternalId is null ? null : $"{i.ParentExternalId}#{round}",
            }).ToList();
        }
        var perRound = Round(0).Count;
        var rounds = Math.Max(1, count / perRound);

        var watch = Stopwatch.StartNew();
        var items = Enumerable.Range(0, rounds).SelectMany(Round).ToList();
        watch.Stop();
        Console.WriteLine($"Bluesky firehose ({frames.Count} recorded frames → {perRound} posts kept, x{rounds:N0} rounds)");
        Console.WriteLine($"  parse only:             {frames.Count * rounds / watch.Elapsed.TotalSeconds,12:N0} frames/s   {items.Count / watch.Elapsed.TotalSeconds,12:N0} items/s");
        await CompareAsync(folder, "firehose", ChannelKind.Bluesky, items, rounds, Round);
    }

    private static async Task FeedsAsync(int count, string folder)
    {
        const int perDocument = 50;
        var documents = Enumerable.Range(0, Math.Max(1, count / perDocument)).Select(d => d % 2 == 0 ? Rss(d, perDocument) : Atom(d, perDocument)).ToList();
        List<IncomingItem> Document(int index)
        {
            using var stream = new MemoryStream(documents[index]);
            return FeedParser.Parse(stream, new Uri("https://blog.example.es/feed/")).Items.ToList();
        }
        var watch = Stopwatch.StartNew();
        var items = Enumerable.Range(0, documents.Count).SelectMany(Document).ToList();
        watch.Stop();
        Console.WriteLine($"RSS/Atom feeds ({documents.Count:N0} documents of {perDocument} entries, half RSS 2.0, half Atom)");
        Console.WriteLine($"  parse only:             {documents.Count / watch.Elapsed.TotalSeconds,12:N0} documents/s {items.Count / watch.Elapsed.TotalSeconds,12:N0} items/s");
        await CompareAsync(folder, "feeds", ChannelKind.Feed, items, documents.Count, Document);
    }

    private static async Task EmailAsync(int count, string folder)
    {
        var raw = EmailBenchmark.Generate(count);
        var watch = Stopwatch.StartNew();
        var items = raw.Select(EmailBenchmark.Parse).ToList();
        watch.Stop();
        Console.WriteLine($"Email as fetched over IMAP ({raw.Count:N0} raw RFC 5322 messages, a third of them replies)");
        Console.WriteLine($"  parse only:             {items.Count / watch.Elapsed.TotalSeconds,12:N0} items/s");
        const int perFetch = 100;
        await CompareAsync(folder, "email", ChannelKind.Email, items, (raw.Count + perFetch - 1) / perFetch,
            fetch => raw.Skip(fetch * perFetch).Take(perFetch).Select(EmailBenchmark.Parse).ToList());
    }

    /// <summary>
    /// The pipeline fed the parsed items from memory, and parse + pipeline unit by unit, each on a fresh file,
    /// <see cref="Repeats"/> times in alternating order (a shared machine's load drifts): the medians are printed.
    /// </summary>
    private static async Task CompareAsync(string folder, string name, ChannelKind kind, List<IncomingItem> items, int units, Func<int, List<IncomingItem>> parse)
    {
        var memoryRuns = new List<(double Rate, int Rows)>();
        var parsedRuns = new List<(double Rate, int Rows)>();
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            var memory = () => IngestAsync(Path.Combine(folder, $"{name}-memory-{repeat}.db"), kind, async (pipeline, channel) =>
            {
                foreach (var delivery in items.Chunk(Delivery))
                {
                    await pipeline.IngestAsync(channel, delivery, null, CancellationToken.None);
                }
            });
            var parsed = () => IngestAsync(Path.Combine(folder, $"{name}-parsed-{repeat}.db"), kind, async (pipeline, channel) =>
            {
                var pending = new List<IncomingItem>(Delivery);
                for (var unit = 0; unit < units; unit++)
                {
                    pending.AddRange(parse(unit));
                    if (pending.Count >= Delivery || unit == units - 1)
                    {
                        await pipeline.IngestAsync(channel, pending, null, CancellationToken.None);
                        pending.Clear();
                    }
                }
            });
            if (repeat % 2 == 0)
            {
                memoryRuns.Add(await memory());
                parsedRuns.Add(await parsed());
            }
            else
            {
                parsedRuns.Add(await parsed());
                memoryRuns.Add(await memory());
            }
        }
        var fromMemory = memoryRuns.OrderBy(r => r.Rate).ElementAt(Repeats / 2);
        var throughParse = parsedRuns.OrderBy(r => r.Rate).ElementAt(Repeats / 2);
        Console.WriteLine($"  pipeline from memory:   {fromMemory.Rate,12:N0} items/s   ({fromMemory.Rows:N0} stored; median of {Repeats}: {string.Join(" / ", memoryRuns.Select(r => r.Rate.ToString("N0")))})");
        Console.WriteLine($"  parse + pipeline:       {throughParse.Rate,12:N0} items/s   ({throughParse.Rows:N0} stored; median of {Repeats}: {string.Join(" / ", parsedRuns.Select(r => r.Rate.ToString("N0")))}; {throughParse.Rate / fromMemory.Rate:P0} of the pipeline from memory)");
    }

    private static async Task<(double Rate, int Rows)> IngestAsync(string path, ChannelKind kind, Func<IngestionPipeline, int, Task> run)
    {
        await using var app = TertuliaApp.Build(new ServeOptions
        {
            Urls = "http://127.0.0.1:0",
            Database = $"Data Source={path}",
            Settings = new Dictionary<string, string?> { ["Tertulia:Polling:Enabled"] = "false", ["Logging:LogLevel:Default"] = "Warning" },
        });
        await StorageRegistration.MigrateAsync(app.Services);
        var workspace = await app.Services.CreateScope().ServiceProvider.GetRequiredService<WorkspaceCatalog>().CreateAsync("Bench " + Guid.NewGuid().ToString("N")[..6], null, default);
        int channel;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<TertuliaDb>>().CreateDbContextAsync())
        {
            var row = new Channel { WorkspaceId = workspace.Id, Kind = kind, Name = "bench", Source = "bench://" + kind, Enabled = false };
            db.Channels.Add(row);
            await db.SaveChangesAsync();
            channel = row.Id;
        }
        var watch = Stopwatch.StartNew();
        await run(app.Services.GetRequiredService<IngestionPipeline>(), channel);
        watch.Stop();
        await using var count = await app.Services.GetRequiredService<IDbContextFactory<TertuliaDb>>().CreateDbContextAsync();
        var rows = await count.Mentions.CountAsync();
        return (rows / watch.Elapsed.TotalSeconds, rows);
    }

    private static List<byte[]> RecordedFrames()
    {
        var data = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "firehose.frames"));
        var frames = new List<byte[]>();
        for (var at = 0; at < data.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at));
            frames.Add(data.AsSpan(at + 4, length).ToArray());
            at += 4 + length;
        }
        return frames;
    }

    private static readonly string[] Texts =
    [
        "Hemos probado el roscón de <b>La Espiga</b> y la nata estaba perfecta, aunque la cola fue larga.",
        "Reseña: la panadería de Lavapiés abre los domingos y el pan de masa madre sigue siendo el mejor del barrio.",
        "¿Alguien sabe si hacen envíos a Chamberí? Me dijeron que sí, pero la web no dice nada.",
        "La empanada gallega llegó fría y tardaron una hora. Una pena, porque suele estar buenísima.",
    ];

    private static byte[] Rss(int document, int entries)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Blog de barrio</title><link>https://blog.example.es/</link>");
        for (var i = 0; i < entries; i++)
        {
            xml.Append($"<item><title>Entrada {document}-{i}</title><link>https://blog.example.es/{document}/{i}</link><guid>https://blog.example.es/?p={document}-{i}</guid>")
                .Append($"<pubDate>{DateTimeOffset.UtcNow.AddMinutes(-i):R}</pubDate><description><![CDATA[<p>{Texts[(document + i) % Texts.Length]}</p>]]></description></item>");
        }
        return Encoding.UTF8.GetBytes(xml.Append("</channel></rss>").ToString());
    }

    private static byte[] Atom(int document, int entries)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Foro de vecinos</title><id>urn:foro</id>")
            .Append($"<updated>{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}</updated>");
        for (var i = 0; i < entries; i++)
        {
            xml.Append($"<entry><title>Hilo {document}-{i}</title><id>urn:foro:{document}:{i}</id><link href=\"https://foro.example.es/{document}/{i}\"/>")
                .Append($"<updated>{DateTimeOffset.UtcNow.AddMinutes(-i):yyyy-MM-ddTHH:mm:ssZ}</updated><author><name>Vecina {i % 7}</name></author>")
                .Append($"<content type=\"html\">{System.Net.WebUtility.HtmlEncode("<p>" + Texts[(document + i + 1) % Texts.Length] + "</p>")}</content></entry>");
        }
        return Encoding.UTF8.GetBytes(xml.Append("</feed>").ToString());
    }
}
