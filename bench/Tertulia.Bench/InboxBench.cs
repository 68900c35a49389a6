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
    private const int PerThread = InboxStore.PerThread;

    public static async Task RunAsync(int mentionCount, string path)
    {
        Console.WriteLine($"inbox: {mentionCount:N0} mentions, {mentionCount / PerThread:N0} conversations, in {path}; {Repeats} requests per figure");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await InboxStore.EnsureAsync(path, mentionCount);

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

    private static double P(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
