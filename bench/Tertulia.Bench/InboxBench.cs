using Microsoft.AspNetCore.Identity;
using Tertulia.Access;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Tertulia.Inbox;
using Tertulia.Storage;
using Tertulia.Web;

namespace Tertulia.Bench;

/// <summary>
/// The inbox at scale: N mentions (a post and four comments each → N/5 conversations, grouped by the real backfill) in
/// a SQLite store; p50/p95 of the list endpoint (mine, unassigned, open) and of a conversation page through real HTTP,
/// each beside the bare SQL query the index serves, measured in the same run.
/// </summary>
public static class InboxBench
{
    private const int Repeats = 200;
    private const int PerThread = 5;
    /// <summary>Larger stores get their conversations in SQL (the backfill through EF is timed up to here).</summary>
    private const int BackfillLimit = 50_000;

    public static async Task RunAsync(int mentionCount, string path)
    {
        Console.WriteLine($"inbox: {mentionCount:N0} mentions, {mentionCount / PerThread:N0} conversations, in {path}; {Repeats} requests per figure");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new DbContextOptionsBuilder<TertuliaDb>()
            .UseSqlite(StorageRegistration.SqliteConnectionString(path))
            .AddInterceptors(new SqlitePragmas())
            .Options;
        var dbs = new PooledDbContextFactory<TertuliaDb>(options);
        await EnsureStoreAsync(dbs, path, mentionCount);

        await using var app = TertuliaApp.Build(new ServeOptions
        {
            Urls = "http://127.0.0.1:0",
            Database = path,
            Migrate = true,
            Settings = { ["Tertulia:Polling:Enabled"] = "false", ["Tertulia:Inbox:Enabled"] = "false" },
        });
        await StorageRegistration.MigrateAsync(app.Services);
        await app.StartAsync();
        // The start-up backfill finds nothing to group, but it reads: let it finish before timing.
        await (app.Services.GetRequiredService<ConversationBackfill>().ExecuteTask ?? Task.CompletedTask);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await AgentTokenAsync(app.Services));

        await using var connection = new SqliteConnection(StorageRegistration.SqliteConnectionString(path));
        await connection.OpenAsync();
        const string list = "SELECT * FROM \"Conversations\" WHERE \"WorkspaceId\" = 1 AND {0} ORDER BY \"LastActivityAt\" DESC, \"Id\" DESC LIMIT 26";
        var filters = new (string Name, string Query, string Where)[]
        {
            // "mine" for the signed-in agent-1: the same SQL as view=mine.
            ("mine", "assignee=agent-1", "\"AssigneeId\" = 'agent-1' AND \"Status\" = 'Open'"),
            ("unassigned", "view=unassigned", "\"AssigneeId\" IS NULL AND \"Status\" = 'Open'"),
            ("open", "status=open", "\"Status\" = 'Open'"),
        };
        Console.WriteLine($"{"figure",-28} {"HTTP p50",10} {"HTTP p95",10} {"bare SQL p50",13} {"bare SQL p95",13}  rows  plan");
        foreach (var (name, query, where) in filters)
        {
            var sql = string.Format(list, where);
            var rows = await BareAsync(connection, sql);
            var httpTimes = await TimeAsync(() => GetAsync(http, $"/api/workspaces/1/inbox/conversations?{query}"));
            var bareTimes = await TimeAsync(() => BareAsync(connection, sql));
            Print($"list {name}", httpTimes, bareTimes, rows, await PlanAsync(connection, sql));
        }

        var random = new Random(11);
        var conversations = mentionCount / PerThread;
        const string thread = "SELECT m.* FROM \"ConversationMessages\" AS cm JOIN \"Mentions\" AS m ON m.\"Id\" = cm.\"MentionId\" WHERE cm.\"ConversationId\" = {0} ORDER BY cm.\"At\", cm.\"Id\" LIMIT 500";
        var apiTimes = await TimeAsync(() => GetAsync(http, $"/api/workspaces/1/inbox/conversations/{random.Next(1, conversations + 1)}"));
        var pageTimes = await TimeAsync(() => GetAsync(http, $"/w/1/inbox/{random.Next(1, conversations + 1)}"));
        var threadTimes = await TimeAsync(() => BareAsync(connection, string.Format(thread, random.Next(1, conversations + 1))));
        Print("conversation (API JSON)", apiTimes, threadTimes, PerThread, await PlanAsync(connection, string.Format(thread, 1)));
        Print("conversation page (HTML)", pageTimes, threadTimes, PerThread, "list + conversation + customer");
        await app.StopAsync();
    }

    /// <summary>The generated store's agent-1 as a real member (agent) of workspace 1, calling with a personal token.</summary>
    private static async Task<string> AgentTokenAsync(IServiceProvider services)
    {
        const string id = "agent-1";
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByIdAsync(id) is null)
        {
            var created = await users.CreateAsync(new IdentityUser { Id = id, UserName = "agent-1@bench.local", Email = "agent-1@bench.local" });
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
        }
        var members = services.GetRequiredService<WorkspaceMembers>();
        if (await members.RoleOfAsync(id, 1, CancellationToken.None) is null)
        {
            await members.AddAsync(1, id, WorkspaceRole.Agent, CancellationToken.None);
        }
        return (await services.GetRequiredService<PersonalTokens>().CreateAsync(id, "bench", CancellationToken.None)).Token;
    }

    private static void Print(string name, List<double> http, List<double> bare, int rows, string plan) =>
        Console.WriteLine($"{name,-28} {P(http, 50),8:N2}ms {P(http, 95),8:N2}ms {P(bare, 50),11:N2}ms {P(bare, 95),11:N2}ms  {rows,4}  {plan}");

    private static async Task<int> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    private static async Task<List<double>> TimeAsync(Func<Task<int>> run)
    {
        for (var i = 0; i < 20; i++)
        {
            await run();
        }
        var times = new List<double>(Repeats);
        for (var i = 0; i < Repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static async Task<int> BareAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
        }
        return rows;
    }

    private static async Task<string> PlanAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        await using var reader = await command.ExecuteReaderAsync();
        var steps = new List<string>();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }
        return string.Join("; ", steps);
    }

    private static async Task EnsureStoreAsync(IDbContextFactory<TertuliaDb> dbs, string path, int mentionCount)
    {
        await using (var db = await dbs.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            if (await db.Mentions.CountAsync() >= mentionCount && await db.Conversations.CountAsync() >= mentionCount / PerThread)
            {
                return;
            }
        }
        Console.WriteLine("building the store (once; kept for the next runs)...");
        var watch = Stopwatch.StartNew();
        await using (var connection = new SqliteConnection(StorageRegistration.SqliteConnectionString(path)))
        {
            await connection.OpenAsync();
            await Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; DELETE FROM \"Conversations\"; DELETE FROM \"Mentions\"; DELETE FROM \"Channels\"; DELETE FROM \"Workspaces\";");
            await Exec(connection, "INSERT INTO \"Workspaces\" (\"Id\", \"Name\", \"Slug\", \"CreatedAt\") VALUES (1, 'Bench', 'bench', 0);");
            await Exec(connection, "INSERT INTO \"Channels\" (\"Id\", \"WorkspaceId\", \"Kind\", \"Name\", \"Source\", \"Enabled\", \"CreatedAt\", \"PollInterval\", \"NextPollAt\", \"ErrorCount\", \"LastSkippedCount\", \"MentionCount\") VALUES (1, 1, 'Email', 'Mailbox', 'imap://hola@bench.example/INBOX', 0, 0, '00:15:00', 0, 0, 0, 0);");
            var corpus = new SpanishCorpus(seed: 7);
            var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
            var random = new Random(7);
            long root = 0;
            long rootPublished = 0;
            for (var done = 0; done < mentionCount;)
            {
                await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
                await using var insert = connection.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO \"Mentions\" (\"Id\", \"WorkspaceId\", \"ChannelId\", \"ExternalId\", \"Author\", \"Published\", \"IngestedAt\", \"Title\", \"Text\", \"Kind\", \"ParentId\", \"ParentExternalId\", \"IsSpam\") VALUES ($n, 1, 1, $id, $author, $published, $published, $title, $text, $kind, $parent, $parentId, 0)";
                var p = new[] { "$n", "$id", "$author", "$published", "$title", "$text", "$kind", "$parent", "$parentId" }.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
                insert.Prepare();
                for (var i = 0; i < 50_000 && done < mentionCount; i++, done++)
                {
                    var m = corpus.NextMention();
                    var id = done + 1L;
                    var isRoot = done % PerThread == 0;
                    if (isRoot)
                    {
                        root = id;
                        rootPublished = start + random.NextInt64(0, 700L * 24 * 3600 * 1000);
                    }
                    p[0].Value = id;
                    p[1].Value = $"<m{id}@cliente.example>";
                    p[2].Value = isRoot || done % 2 == 0 ? $"Cliente {root % 50_000} <cliente{root % 50_000}@cliente.example>" : "Horno <hola@bench.example>";
                    p[3].Value = rootPublished + (id - root) * 37 * 60_000;
                    p[4].Value = isRoot ? (object?)m.Title ?? m.Text[..Math.Min(60, m.Text.Length)] : DBNull.Value;
                    p[5].Value = m.Text;
                    p[6].Value = isRoot ? "Post" : "Comment";
                    p[7].Value = isRoot ? DBNull.Value : id - 1;
                    p[8].Value = isRoot ? DBNull.Value : $"<m{id - 1}@cliente.example>";
                    await insert.ExecuteNonQueryAsync();
                }
                await tx.CommitAsync();
                Console.WriteLine($"  {done:N0} mentions ({watch.Elapsed.TotalSeconds:N0} s)");
            }
        }

        watch.Restart();
        if (mentionCount <= BackfillLimit)
        {
            // The conversations come from the real backfill, as an upgraded store gets them.
            var backfill = new ConversationBackfill(dbs, new ConversationThreading(TimeProvider.System), new WriteGate(true), NullLogger<ConversationBackfill>.Instance);
            var grouped = await backfill.RunAsync(CancellationToken.None);
            Console.WriteLine($"  backfill: {grouped:N0} mentions grouped into conversations in {watch.Elapsed.TotalSeconds:N1} s ({grouped / watch.Elapsed.TotalSeconds:N0}/s)");
        }
        else
        {
            // Past BackfillLimit the same rows the backfill makes (one conversation per root, every mention a message)
            // are written in SQL: the backfill's own speed is the figure of a smaller run.
            await using var connection = new SqliteConnection(StorageRegistration.SqliteConnectionString(path));
            await connection.OpenAsync();
            await Exec(connection, $"""
                PRAGMA synchronous=OFF;
                INSERT INTO "Conversations" ("WorkspaceId", "ChannelId", "RootMentionId", "Subject", "CustomerName", "Status", "Priority",
                    "CreatedAt", "LastActivityAt", "LastCustomerMessageAt", "MessageCount", "Preview")
                SELECT 1, 1, m."Id", substr(coalesce(m."Title", m."Text"), 1, 200), m."Author", 'Open', 0,
                    m."Published", m."Published" + {PerThread - 1} * 37 * 60000, m."Published" + {PerThread - 1} * 37 * 60000, {PerThread}, substr(m."Text", 1, 200)
                FROM "Mentions" AS m WHERE m."ParentId" IS NULL ORDER BY m."Id";
                INSERT INTO "ConversationMessages" ("ConversationId", "MentionId", "FromBrand", "At")
                SELECT c."Id", m."Id", 0, m."Published" FROM "Mentions" AS m
                JOIN "Conversations" AS c ON c."RootMentionId" = m."Id" - (m."Id" - 1) % {PerThread} ORDER BY m."Id";
                INSERT INTO "ConversationEvents" ("ConversationId", "At", "Kind") SELECT "Id", "CreatedAt", 'created' FROM "Conversations";
                """);
            Console.WriteLine($"  conversations written in SQL in {watch.Elapsed.TotalSeconds:N1} s");
        }

        await using (var connection = new SqliteConnection(StorageRegistration.SqliteConnectionString(path)))
        {
            await connection.OpenAsync();
            // What a working inbox looks like: most resolved, some open, pending and snoozed; 70 % assigned to 10 agents.
            await Exec(connection, """
                UPDATE "Conversations" SET
                  "Status" = CASE WHEN ("Id" * 7919) % 100 < 30 THEN 'Open' WHEN ("Id" * 7919) % 100 < 40 THEN 'Pending'
                                  WHEN ("Id" * 7919) % 100 < 45 THEN 'Snoozed' ELSE 'Resolved' END,
                  "SnoozedUntil" = CASE WHEN ("Id" * 7919) % 100 BETWEEN 40 AND 44 THEN 253402300799000 END,
                  "AssigneeId" = CASE WHEN ("Id" * 104729) % 10 < 3 THEN NULL ELSE 'agent-' || (("Id" * 31) % 10) END,
                  "Priority" = ("Id" * 13) % 5;
                ANALYZE; PRAGMA optimize;
                """);
        }
        Console.WriteLine($"  store ready in {watch.Elapsed.TotalSeconds:N0} s");
    }

    private static async Task Exec(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static double P(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
