using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tertulia.Access;
using Tertulia.Contacts;
using Tertulia.Insights.Metrics;
using Tertulia.Insights.Rollups;
using Tertulia.Listening;
using Tertulia.Storage;
using Tertulia.Understanding;
using Tertulia.Web;

namespace Tertulia.Bench;

/// <summary>
/// The dashboard at scale: N mentions over 13 months (customers' threads, the brand's answers and broadcasts, three
/// channels, brand / competitor / topic queries), rollups built by the product's own RollupBackfill; p50/p95 of the
/// insights API over real HTTP for a mix of periods and filters, beside the same figures computed by scanning the
/// mentions (ReadInsights.ScanAsync), same run, and a check that both give the same numbers.
/// </summary>
public static class InsightsBench
{
    private const int Repeats = 60;
    /// <summary>A scan reads the whole history (returning customers, relationship strength): once per request on a big store.</summary>
    private static int ScanRepeats(int mentions) => mentions >= 200_000 ? 1 : 3;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset Start = new(2025, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private const int Days = 400;

    public static async Task<int> RunAsync(int mentionCount, string path)
    {
        Console.WriteLine($"insights: {mentionCount:N0} mentions in {path}; {Repeats} API requests per figure, {ScanRepeats(mentionCount)} scans");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var app = TertuliaApp.Build(new ServeOptions
        {
            Urls = "http://127.0.0.1:0",
            Database = path,
            Migrate = true,
            Settings =
            {
                ["Tertulia:Polling:Enabled"] = "false", ["Tertulia:Inbox:Enabled"] = "false", ["Tertulia:Ideas:BackfillEnabled"] = "false",
                ["Tertulia:Alerts:Enabled"] = "false", ["Logging:LogLevel:Default"] = "Warning",
            },
        });
        await StorageRegistration.MigrateAsync(app.Services);
        var dbs = app.Services.GetRequiredService<IDbContextFactory<TertuliaDb>>();
        await EnsureStoreAsync(dbs, path, mentionCount, app.Services.GetRequiredService<Understander>().Version);

        var watch = Stopwatch.StartNew();
        await app.StartAsync();
        await (app.Services.GetRequiredService<RollupBackfill>().ExecuteTask ?? Task.CompletedTask);
        Console.WriteLine($"rollups ready in {watch.Elapsed.TotalSeconds:N0} s (the product's RollupBackfill, on the first run only)");
        await using (var db = await dbs.CreateDbContextAsync())
        {
            Console.WriteLine($"  rows: hourly {await db.Set<HourlyRollup>().CountAsync():N0}, by query {await db.Set<QueryHourlyRollup>().CountAsync():N0}, " +
                $"responses {await db.Set<ResponseRollup>().CountAsync():N0}, contact-hours {await db.Set<ContactHourlyRollup>().CountAsync():N0}, terms {await db.Set<TermHourlyRollup>().CountAsync():N0}");
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await ViewerTokenAsync(app.Services));
        var read = app.Services.GetRequiredService<ReadInsights>();

        var requests = new (string Name, string Query, InsightsRequest Request)[]
        {
            ("month", "period=month&at=2026-11-15", new InsightsRequest("month", "2026-11-15")),
            ("week", "period=week&at=2026-11-18", new InsightsRequest("week", "2026-11-18")),
            ("day", "period=day&at=2026-11-18", new InsightsRequest("day", "2026-11-18")),
            ("90-day range", "period=range&from=2026-09-01&to=2026-11-29", new InsightsRequest("range", null, "2026-09-01", "2026-11-29")),
            ("month, one channel", "period=month&at=2026-10-10&channel=2", new InsightsRequest("month", "2026-10-10", ChannelId: 2)),
            ("month, one query", "period=month&at=2026-10-10&query=1", new InsightsRequest("month", "2026-10-10", QueryId: 1)),
        };
        Console.WriteLine($"{"request",-20} {"API p50",9} {"API p95",9} {"API max",9} {"scan p50",10} {"scan max",10} {"p95 ratio",10}  same numbers");
        var failures = 0;
        // INSIGHTS_SCAN=0 times the API alone, for trying a change quickly; the figures we report come with the scan.
        var withScan = Environment.GetEnvironmentVariable("INSIGHTS_SCAN") != "0";
        foreach (var (name, query, request) in requests)
        {
            var url = $"/api/workspaces/1/insights?{query}";
            string? body = null;
            var api = await TimeAsync(Repeats, 5, async () => body = await http.GetStringAsync(url));
            var fromApi = JsonSerializer.Deserialize<PeriodInsights>(body!, Json)!;
            if (!withScan)
            {
                Console.WriteLine($"{name,-20} {P(api, 50),7:N1}ms {P(api, 95),7:N1}ms {api.Max(),7:N1}ms  (not scanned: INSIGHTS_SCAN=0)");
                continue;
            }
            PeriodInsights? scanned = null;
            var scan = await TimeAsync(ScanRepeats(mentionCount), mentionCount >= 200_000 ? 0 : 1, async () => scanned = (await read.ScanAsync(1, request, CancellationToken.None)).Insights);
            var same = JsonSerializer.Serialize(fromApi, Json) == JsonSerializer.Serialize(scanned, Json);
            failures += same ? 0 : 1;
            Console.WriteLine($"{name,-20} {P(api, 50),7:N1}ms {P(api, 95),7:N1}ms {api.Max(),7:N1}ms {P(scan, 50),8:N0}ms {scan.Max(),8:N0}ms {P(scan, 95) / P(api, 95),9:N0}x  {(same ? "yes" : "NO")}" +
                $"  ({fromApi.Current.Mentions:N0} mentions, response {fromApi.Current.Response.Percent} %, monologue {fromApi.Current.Monologue.Percent} %)");
        }
        var page = await TimeAsync(Repeats, 5, () => http.GetStringAsync("/w/1/insights?period=month&at=2026-11-15"));
        Console.WriteLine($"{"dashboard page",-20} {P(page, 50),7:N1}ms {P(page, 95),7:N1}ms {page.Max(),7:N1}ms  (HTML, this month)");
        await app.StopAsync();
        if (failures > 0)
        {
            Console.Error.WriteLine($"{failures} request(s) gave other figures from the rollups than from the mentions");
            return 1;
        }
        return 0;
    }

    private static async Task<string> ViewerTokenAsync(IServiceProvider services)
    {
        const string id = "viewer-1";
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
        if (await users.FindByIdAsync(id) is null)
        {
            await users.CreateAsync(new Microsoft.AspNetCore.Identity.IdentityUser { Id = id, UserName = "viewer-1@bench.local", Email = "viewer-1@bench.local" });
        }
        var members = services.GetRequiredService<WorkspaceMembers>();
        if (await members.RoleOfAsync(id, 1, CancellationToken.None) is null)
        {
            await members.AddAsync(1, id, WorkspaceRole.Viewer, CancellationToken.None);
        }
        return (await services.GetRequiredService<PersonalTokens>().CreateAsync(id, "bench", CancellationToken.None)).Token;
    }

    private static async Task<List<double>> TimeAsync<T>(int repeats, int warmUp, Func<Task<T>> run)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await run();
        }
        var times = new List<double>(repeats);
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static double P(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>
    /// The store, bulk-written (bench only) the way the pipeline would have left it: mentions with their contact,
    /// reading, parent and conversation; query matches. Rollups are not written here: the product builds them.
    /// </summary>
    private static async Task EnsureStoreAsync(IDbContextFactory<TertuliaDb> dbs, string path, int mentionCount, string understoodWith)
    {
        await using (var db = await dbs.CreateDbContextAsync())
        {
            if (await db.Mentions.CountAsync() >= mentionCount)
            {
                return;
            }
            Console.WriteLine("building the store (once; kept for the next runs)...");
            db.Workspaces.Add(new Workspaces.Workspace { Id = 1, Name = "Horno Bench", Slug = "horno-bench", CreatedAt = Start });
            await db.SaveChangesAsync();
            var kinds = new[] { Channels.ChannelKind.Email, Channels.ChannelKind.Feed, Channels.ChannelKind.Mastodon };
            for (var c = 1; c <= 3; c++)
            {
                db.Channels.Add(new Channels.Channel { Id = c, WorkspaceId = 1, Kind = kinds[c - 1], Name = $"Canal {c}", Source = $"https://bench{c}.example/", Enabled = false, CreatedAt = Start, NextPollAt = Start, PollInterval = TimeSpan.FromMinutes(15) });
            }
            db.ListeningQueries.AddRange(
                new ListeningQuery { Id = 1, WorkspaceId = 1, Name = "Horno", Expression = "horno", Role = QueryRole.Brand, CreatedAt = Start, UpdatedAt = Start },
                new ListeningQuery { Id = 2, WorkspaceId = 1, Name = "La Competencia", Expression = "competencia", Role = QueryRole.Competitor, CreatedAt = Start, UpdatedAt = Start },
                new ListeningQuery { Id = 3, WorkspaceId = 1, Name = "Sin gluten", Expression = "gluten", Role = QueryRole.Topic, CreatedAt = Start, UpdatedAt = Start });
            await db.SaveChangesAsync();
        }
        var customers = Math.Max(10, mentionCount / 8);
        var watch = Stopwatch.StartNew();
        await using var connection = new SqliteConnection(StorageRegistration.SqliteConnectionString(path));
        await connection.OpenAsync();
        await Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
        await Exec(connection, $"""
            INSERT INTO "Contacts" ("Id", "WorkspaceId", "DisplayName", "IsBrand", "CreatedAt", "FirstSeenAt", "LastSeenAt", "MentionCount")
            VALUES (1, 1, 'Horno Bench', 1, 0, 0, 0, 0);
            WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < {customers + 1})
            INSERT INTO "Contacts" ("Id", "WorkspaceId", "DisplayName", "IsBrand", "CreatedAt", "FirstSeenAt", "LastSeenAt", "MentionCount")
            SELECT i, 1, 'Cliente ' || i, 0, 0, 0, 0, 0 FROM n;
            """);

        var corpus = new SpanishCorpus(seed: 5);
        var random = new Random(5);
        var intents = new[] { "Question", "Question", "Question", "Complaint", "Complaint", "Praise", "Praise", "Suggestion", "Other", "Other" };
        var threads = new List<(long Root, int Count)>();
        var id = 0L;
        while (id < mentionCount)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT INTO "Mentions" ("Id", "WorkspaceId", "ChannelId", "ExternalId", "Author", "Published", "IngestedAt", "Title", "Text", "Kind",
                    "ParentId", "ContactId", "Sentiment", "SentimentScore", "Intent", "IsSpam", "UnderstoodWith", "PublishedIsFirstSeen")
                VALUES ($id, 1, $channel, $external, $author, $published, $published, NULL, $text, $kind, $parent, $contact, $sentiment, $score, $intent, 0, $with, 0)
                """;
            var p = new[] { "$id", "$channel", "$external", "$author", "$published", "$text", "$kind", "$parent", "$contact", "$sentiment", "$score", "$intent", "$with" }
                .ToDictionary(n => n, n => insert.Parameters.Add(n, SqliteType.Text));
            insert.Prepare();
            void Add(long mention, int channel, long published, long? parent, int contact, string intent)
            {
                var text = corpus.NextMention().Text;
                var sentiment = intent switch { "Complaint" => "Negative", "Praise" => "Positive", _ => random.Next(3) switch { 0 => "Positive", 1 => "Neutral", _ => "Negative" } };
                p["$id"].Value = mention;
                p["$channel"].Value = channel;
                p["$external"].Value = $"m{mention}";
                p["$author"].Value = contact == 1 ? "Horno Bench" : $"Cliente {contact}";
                p["$published"].Value = published;
                p["$text"].Value = text;
                p["$kind"].Value = parent is null ? "Post" : "Comment";
                p["$parent"].Value = parent is { } x ? x : DBNull.Value;
                p["$contact"].Value = contact;
                p["$sentiment"].Value = sentiment;
                p["$score"].Value = sentiment == "Positive" ? 0.7 : sentiment == "Negative" ? -0.7 : 0.0;
                p["$intent"].Value = intent;
                p["$with"].Value = understoodWith;
                insert.ExecuteNonQuery();
            }
            for (var batch = 0; batch < 20_000 && id < mentionCount; batch++)
            {
                // Threads in time order, so ids follow time as they do when a store fills up.
                var at = Start.ToUnixTimeMilliseconds() + (long)((double)id / mentionCount * Days * 86_400_000L) + random.Next(3_600_000);
                var channel = 1 + random.Next(3);
                var root = ++id;
                var count = 1;
                if (random.Next(100) < 15)
                {
                    // The brand's own post: a broadcast unless customers comment on it.
                    Add(root, channel, at, null, 1, "Other");
                    for (var k = random.Next(4); k > 0 && id < mentionCount; k--)
                    {
                        at += random.Next(5, 600) * 60_000L;
                        Add(++id, channel, at, root, 2 + random.Next(customers), intents[random.Next(intents.Length)]);
                        count++;
                    }
                }
                else
                {
                    var customer = 2 + (int)Math.Min(customers - 1, Math.Floor(customers * Math.Pow(random.NextDouble(), 2)));
                    var intent = intents[random.Next(intents.Length)];
                    Add(root, channel, at, null, customer, intent);
                    if (intent is "Question" or "Complaint" && random.Next(100) < 75 && id < mentionCount)
                    {
                        at += random.Next(5, 2 * 24 * 60) * 60_000L;
                        var answer = ++id;
                        Add(answer, channel, at, root, 1, "Other");
                        count++;
                        if (random.Next(100) < 40 && id < mentionCount)
                        {
                            at += random.Next(5, 600) * 60_000L;
                            Add(++id, channel, at, answer, customer, "Praise");
                            count++;
                        }
                    }
                }
                threads.Add((root, count));
            }
            await tx.CommitAsync();
            Console.WriteLine($"  {id:N0} mentions ({watch.Elapsed.TotalSeconds:N0} s)");
        }
        // One conversation per thread, each mention a message of it (what the inbox's threading makes), and the matches.
        await Exec(connection, """
            CREATE TEMP TABLE thread_of AS
              WITH RECURSIVE t(id, root) AS (SELECT "Id", "Id" FROM "Mentions" WHERE "ParentId" IS NULL
                UNION ALL SELECT m."Id", t.root FROM "Mentions" AS m JOIN t ON m."ParentId" = t.id)
              SELECT id, root FROM t;
            CREATE INDEX temp.thread_root ON thread_of(root);
            INSERT INTO "Conversations" ("WorkspaceId", "ChannelId", "RootMentionId", "Subject", "CustomerName", "Status", "Priority",
                "CreatedAt", "LastActivityAt", "LastCustomerMessageAt", "MessageCount", "Preview")
            SELECT 1, m."ChannelId", m."Id", substr(m."Text", 1, 200), m."Author", 'Resolved', 0, m."Published", m."Published", m."Published", 1, substr(m."Text", 1, 200)
            FROM "Mentions" AS m WHERE m."ParentId" IS NULL ORDER BY m."Id";
            INSERT INTO "ConversationMessages" ("ConversationId", "MentionId", "FromBrand", "At")
            SELECT c."Id", m."Id", m."ContactId" = 1, m."Published" FROM thread_of AS t
            JOIN "Mentions" AS m ON m."Id" = t.id JOIN "Conversations" AS c ON c."RootMentionId" = t.root ORDER BY m."Id";
            INSERT INTO "QueryMatches" ("MentionId", "QueryId")
            SELECT "Id", CASE WHEN ("Id" * 7919) % 100 < 30 THEN 1 WHEN ("Id" * 7919) % 100 < 40 THEN 2 ELSE 3 END
            FROM "Mentions" WHERE ("Id" * 7919) % 100 < 45;
            ANALYZE; PRAGMA optimize;
            """);
        Console.WriteLine($"  store ready in {watch.Elapsed.TotalSeconds:N0} s ({threads.Count:N0} threads)");
    }

    private static async Task Exec(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
