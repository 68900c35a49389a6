using System.Diagnostics;
using Microsoft.Data.Sqlite;
using MimeKit;
using Tertulia.Channels.Email;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Channels;

/// <summary>
/// The app process is killed (SIGKILL) while it ingests a large mailbox from the real IMAP server, then
/// started again: every message is stored exactly once, because the cursor moves in the same transaction
/// as the mentions it covers.
/// </summary>
public sealed class CrashSafetyTests
{
    private const int Messages = 600;

    [Fact]
    public async Task Killing_the_app_mid_ingestion_loses_nothing_and_duplicates_nothing()
    {
        var brand = MailServer.NewAddress("grande");
        var sent = Enumerable.Range(1, Messages)
            .Select(i => MailServer.Message($"cliente{i % 50}@cliente.example", brand, $"Pedido {i}", $"Quiero {i % 7 + 1} barras, por favor."))
            .ToArray();
        await MailServer.AppendAsync(brand, "INBOX", sent);
        // The SQLite file, read directly below; the same crash on PostgreSQL is SeveralNodesTests'.
        var folder = Directory.CreateTempSubdirectory("tertulia-channels-").FullName;
        await using (var setup = await ChannelTestApp.StartAsync(folder: folder,
            database: await Tertulia.Tests.Support.TestStore.CreateAsync(Tertulia.Storage.StoreKind.Sqlite, folder)))
        {
            var workspace = await setup.CreateWorkspaceAsync();
            var outcome = await setup.Scoped<AddEmailChannel>().HandleAsync(workspace.Id, MailServer.ChannelRequest(brand), CancellationToken.None);
            Assert.Null(outcome.Error);
        }
        var database = Path.Combine(folder, "tertulia.db");

        using (var first = StartServe(database))
        {
            await TestApp.Eventually(async () => await CountAsync(database) >= 100, "the first pages are stored", seconds: 180);
            first.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush
            await first.WaitForExitAsync();
        }
        var atKill = await CountAsync(database);

        using (var second = StartServe(database))
        {
            await TestApp.Eventually(async () => await CountAsync(database) == Messages, $"all {Messages} messages are stored after the restart", seconds: 300);
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }

        Assert.InRange(atKill, 100, Messages - 1);
        var ids = await ExternalIdsAsync(database);
        Assert.Equal(Messages, ids.Count);
        Assert.Equal(sent.Select(m => m.MessageId!).Order(), ids.Order());
    }

    private static Process StartServe(string database)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Tertulia.dll"));
        foreach (var arg in new[] { "serve", "--urls", "http://127.0.0.1:0", "--database", database })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["Tertulia__Network__AllowedPrivateAddresses__0"] = "127.0.0.1";
        start.Environment["Tertulia__Polling__Tick"] = "00:00:00.100";
        start.Environment["Tertulia__Email__MaxMessagesPerPoll"] = "80";
        start.Environment["Tertulia__Email__Idle"] = "false";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<long> CountAsync(string database)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM Mentions";
        try
        {
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (SqliteException)
        {
            return 0; // not migrated yet by the starting process
        }
    }

    private static async Task<List<string>> ExternalIdsAsync(string database)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ExternalId FROM Mentions";
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    private static SqliteConnection Open(string database) =>
        new(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString());
}
