using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MailKit;
using MimeKit;
using Tertulia.Channels;
using Tertulia.Channels.Email;
using Tertulia.Ingestion;
using Tertulia.Storage;
using Tertulia.Web;
using Tertulia.Workspaces;

namespace Tertulia.Bench;

/// <summary>
/// The email channel's parse path (raw RFC 5322 bytes → MimeKit → incoming item) into the pipeline, beside the
/// pipeline fed the same items from memory in the same run; with TERTULIA_TEST_IMAP_PORT set (a local Dovecot from
/// scripts/servers/email.sh), also the whole IMAP fetch path through the real adapter.
/// </summary>
public static class EmailBenchmark
{
    public static async Task RunAsync(int count)
    {
        Console.WriteLine($"email: {count:N0} generated messages (a third of them replies), {Environment.ProcessorCount} cores");
        var raw = Generate(count);
        var folder = Directory.CreateTempSubdirectory("tertulia-bench-email-");
        try
        {
            var watch = Stopwatch.StartNew();
            var items = raw.Select(Parse).ToList();
            watch.Stop();
            Console.WriteLine($"parse only:              {count / watch.Elapsed.TotalSeconds,12:N0} messages/s");

            var fromMemory = await IngestAsync(Path.Combine(folder.FullName, "memory.db"), (pipeline, channel) =>
                Deliver(pipeline, channel, items.Chunk(200)));
            Console.WriteLine($"pipeline from memory:    {fromMemory,12:N0} mentions/s");

            var parsed = await IngestAsync(Path.Combine(folder.FullName, "parsed.db"), (pipeline, channel) =>
                Deliver(pipeline, channel, raw.Chunk(200).Select(page => page.Select(Parse).ToArray())));
            Console.WriteLine($"parse + pipeline:        {parsed,12:N0} mentions/s  ({parsed / fromMemory:P0} of the pipeline from memory)");

            if (int.TryParse(Environment.GetEnvironmentVariable("TERTULIA_TEST_IMAP_PORT"), out var imapPort))
            {
                var imap = await ImapAsync(Path.Combine(folder.FullName, "imap.db"), raw, imapPort);
                Console.WriteLine($"IMAP fetch + pipeline:   {imap,12:N0} mentions/s  ({imap / fromMemory:P0} of the pipeline from memory)");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    internal static IncomingItem Parse(byte[] message)
    {
        using var stream = new MemoryStream(message);
        return EmailMessages.ToItem(MimeMessage.Load(stream), null).Item!;
    }

    private static async Task Deliver(IngestionPipeline pipeline, int channel, IEnumerable<IncomingItem[]> pages)
    {
        foreach (var page in pages)
        {
            await pipeline.IngestAsync(channel, page, null, CancellationToken.None);
        }
    }

    private static async Task<double> IngestAsync(string path, Func<IngestionPipeline, int, Task> run)
    {
        await using var app = Build(path);
        await StorageRegistration.MigrateAsync(app.Services);
        var channel = await ChannelAsync(app.Services, null);
        var watch = Stopwatch.StartNew();
        await run(app.Services.GetRequiredService<IngestionPipeline>(), channel);
        watch.Stop();
        return await CountAsync(app.Services) / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> ImapAsync(string path, List<byte[]> raw, int port)
    {
        var address = $"bench-{Guid.NewGuid():N}"[..14] + "@panaderia.test";
        var password = Environment.GetEnvironmentVariable("TERTULIA_TEST_MAIL_PASSWORD") ?? "tertulia-test";
        using (var client = new MailKit.Net.Imap.ImapClient())
        {
            await client.ConnectAsync("127.0.0.1", port, MailKit.Security.SecureSocketOptions.None);
            await client.AuthenticateAsync(address, password);
            foreach (var message in raw)
            {
                using var stream = new MemoryStream(message);
                await client.Inbox.AppendAsync(await MimeMessage.LoadAsync(stream), MessageFlags.None);
            }
            await client.DisconnectAsync(true);
        }
        await using var app = Build(path);
        await StorageRegistration.MigrateAsync(app.Services);
        var account = new EmailAccount
        {
            Address = address,
            UserName = address,
            Password = password,
            ImapHost = "127.0.0.1",
            ImapPort = port,
            ImapSecurity = MailSecurity.None,
            SmtpHost = "127.0.0.1",
            SmtpSecurity = MailSecurity.None,
        };
        var channel = await ChannelAsync(app.Services, account);
        var poller = app.Services.CreateScope().ServiceProvider.GetRequiredService<ChannelPoller>();
        var watch = Stopwatch.StartNew();
        while (await CountAsync(app.Services) < raw.Count)
        {
            var result = await poller.PollAsync(channel, CancellationToken.None);
            if (result.Received == 0)
            {
                break;
            }
        }
        watch.Stop();
        return await CountAsync(app.Services) / watch.Elapsed.TotalSeconds;
    }

    private static BenchApp Build(string path) => new(TertuliaApp.Build(new ServeOptions
    {
        Urls = "http://127.0.0.1:0",
        Database = $"Data Source={path}",
        Settings = new Dictionary<string, string?>
        {
            ["Tertulia:Polling:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Tertulia:Network:AllowedPrivateAddresses:0"] = "127.0.0.1",
            ["Tertulia:Email:MaxMessagesPerPoll"] = "500",
        },
    }));

    private static async Task<int> ChannelAsync(IServiceProvider services, EmailAccount? account)
    {
        var workspace = await services.CreateScope().ServiceProvider.GetRequiredService<WorkspaceCatalog>().CreateAsync("Bench " + Guid.NewGuid().ToString("N")[..6], null, default);
        await using var db = await services.GetRequiredService<IDbContextFactory<TertuliaDb>>().CreateDbContextAsync();
        var channel = new Channel
        {
            WorkspaceId = workspace.Id,
            Kind = ChannelKind.Email,
            Name = "bench",
            Source = account?.Source ?? "imap://bench",
            Enabled = false,
            Credentials = account is null ? null : services.GetRequiredService<ChannelSecrets>().Protect(account),
        };
        db.Channels.Add(channel);
        await db.SaveChangesAsync();
        return channel.Id;
    }

    private static async Task<int> CountAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<TertuliaDb>>().CreateDbContextAsync();
        return await db.Mentions.CountAsync();
    }

    /// <summary>Customer emails as mail clients write them: quoted-printable Spanish, some HTML, replies quoting the thread.</summary>
    internal static List<byte[]> Generate(int count)
    {
        var random = new Random(7);
        string[] names = ["María López", "Jorge Peña", "Lucía Fernández", "Carmen Ruiz", "Pablo Ortega", "Ana Gil"];
        string[] asks = ["¿Tenéis pan sin gluten los sábados?", "Quiero encargar un roscón de nata para el día 6.", "La empanada llegó fría, ¿podéis revisarlo?", "¿Hacéis envíos a Chamberí?", "Gracias por la tarta, ¡estaba buenísima!"];
        var messages = new List<byte[]>(count);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var message = new MimeMessage { Subject = $"Consulta {i}", Date = DateTimeOffset.UtcNow.AddMinutes(-count + i) };
            var name = names[random.Next(names.Length)];
            message.From.Add(new MailboxAddress(name, $"cliente{random.Next(500)}@correo.example"));
            message.To.Add(MailboxAddress.Parse("hola@panaderia.test"));
            message.MessageId = $"{i}.{random.Next()}@correo.example";
            var text = asks[random.Next(asks.Length)] + "\n\nUn saludo,\n" + name;
            if (i % 3 == 2 && ids.Count > 0)
            {
                var parent = ids[random.Next(ids.Count)];
                message.InReplyTo = parent;
                message.References.Add(parent);
                message.Subject = "Re: " + message.Subject;
                text += $"\n\nEl lun, 5 ene 2026, Panadería escribió:\n> Gracias por escribirnos.\n> Un saludo.";
            }
            var builder = new BodyBuilder { TextBody = text };
            if (i % 4 == 0)
            {
                builder.HtmlBody = "<div dir=\"ltr\"><p>" + System.Net.WebUtility.HtmlEncode(text).Replace("\n", "<br>") + "</p></div>";
            }
            message.Body = builder.ToMessageBody();
            ids.Add(message.MessageId);
            using var stream = new MemoryStream();
            message.WriteTo(stream);
            messages.Add(stream.ToArray());
        }
        return messages;
    }

    private sealed class BenchApp(Microsoft.AspNetCore.Builder.WebApplication app) : IAsyncDisposable
    {
        public IServiceProvider Services => app.Services;
        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
