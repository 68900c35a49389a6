using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Tertulia.Channels;
using Tertulia.Channels.Email;
using Tertulia.Channels.Imports;
using Tertulia.Channels.Mastodon;
using Tertulia.Contacts;
using Tertulia.Ingestion;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Contacts;

/// <summary>
/// Channels of each kind fed with what their real adapters make of real payloads (a MIME message, a Mastodon status
/// as the API returns it, a CSV export), through the real pipeline of a running app.
/// </summary>
public static class ContactsWorld
{
    public static async Task<int> AddChannelAsync(this TestApp app, int workspaceId, ChannelKind kind, string source)
    {
        await using var db = app.Db();
        var channel = new Channel
        {
            WorkspaceId = workspaceId,
            Kind = kind,
            Name = $"{kind} {source}",
            Source = source,
            Enabled = false, // fed by the test: the poller leaves it alone
            NextPollAt = DateTimeOffset.MaxValue,
        };
        db.Channels.Add(channel);
        await db.SaveChangesAsync();
        return channel.Id;
    }

    /// <summary>An email as the mailbox adapter reads it.</summary>
    public static IncomingItem Email(string from, string subject, string body, string messageId, string? inReplyTo = null, DateTimeOffset? date = null)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("hola@candeal.test"));
        message.Subject = subject;
        message.MessageId = messageId;
        message.Date = date ?? DateTimeOffset.UtcNow.AddMinutes(-5);
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo;
        }
        message.Body = new TextPart("plain") { Text = body };
        var (item, problem) = EmailMessages.ToItem(message, null);
        return item ?? throw new InvalidOperationException(problem);
    }

    /// <summary>A status as Mastodon's API returns it (GET /api/v1/statuses/:id), read by the Mastodon adapter's model.</summary>
    public static IncomingItem Toot(string id, string acct, string displayName, string html, string? inReplyTo = null, string instance = "mastodon.social")
    {
        var user = acct.Split('@')[0];
        var json = $$"""
            {
              "id": "{{id}}", "created_at": "{{DateTimeOffset.UtcNow.AddMinutes(-3):yyyy-MM-ddTHH:mm:ss.fffZ}}",
              "in_reply_to_id": {{(inReplyTo is null ? "null" : $"\"{inReplyTo}\"")}}, "visibility": "public", "language": "es",
              "uri": "https://{{instance}}/users/{{user}}/statuses/{{id}}", "url": "https://{{instance}}/@{{user}}/{{id}}",
              "content": {{JsonSerializer.Serialize(html)}}, "spoiler_text": "",
              "account": { "id": "1{{id}}", "username": "{{user}}", "acct": "{{acct}}", "display_name": "{{displayName}}",
                           "url": "https://{{instance}}/@{{user}}" }
            }
            """;
        return JsonSerializer.Deserialize<MastodonStatus>(json, MastodonJson.Options)!.ToItem();
    }

    /// <summary>Imports a CSV export (semicolon-separated, with a header) the way `tertulia import --format csv` does.</summary>
    public static async Task<ImportFile.Report> ImportCsvAsync(this TestApp app, int workspaceId, string csv, string? map = null)
    {
        using var scope = app.Services.CreateScope();
        await using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await scope.ServiceProvider.GetRequiredService<ImportFile>().HandleAsync(
            new ImportFile.Request(workspaceId, ImportFormat.Csv, CsvMentions.ParseMap(map)), file, null, CancellationToken.None);
    }

    public static async Task<List<Contact>> ContactsAsync(this TestApp app, int workspaceId)
    {
        await using var db = app.Db();
        return await db.Contacts.AsNoTracking().Where(c => c.WorkspaceId == workspaceId && c.MergedIntoId == null).OrderBy(c => c.Id).ToListAsync();
    }

    public static async Task<int?> ContactOfAsync(this TestApp app, int channelId, string externalId)
    {
        await using var db = app.Db();
        return await db.Mentions.Where(m => m.ChannelId == channelId && m.ExternalId == externalId).Select(m => m.ContactId).SingleAsync();
    }

    public static async Task<SortedSet<string>> KeysOfAsync(this TestApp app, int contactId)
    {
        await using var db = app.Db();
        return new SortedSet<string>(await db.ContactIdentities.Where(i => i.ContactId == contactId).Select(i => i.Key).ToListAsync(), StringComparer.Ordinal);
    }

    public static async Task<SortedSet<long>> MentionsOfAsync(this TestApp app, int contactId)
    {
        await using var db = app.Db();
        return new SortedSet<long>(await db.Mentions.Where(m => m.ContactId == contactId).Select(m => m.Id).ToListAsync());
    }
}
