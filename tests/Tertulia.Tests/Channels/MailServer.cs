using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Tertulia.Channels.Email;

namespace Tertulia.Tests.Channels;

/// <summary>
/// The local Dovecot + Postfix started by scripts/servers/email.sh (./test.sh starts it). Every address is a
/// mailbox of its own, so each test uses fresh addresses. Without the servers the tests fail: never skipped.
/// </summary>
public static class MailServer
{
    public static int ImapPort => Port("TERTULIA_TEST_IMAP_PORT", 10143);
    public static int SmtpPort => Port("TERTULIA_TEST_SMTP_PORT", 2525);
    public static string Password => Environment.GetEnvironmentVariable("TERTULIA_TEST_MAIL_PASSWORD") ?? "tertulia-test";

    public static string NewAddress(string who) => $"{who}-{Guid.NewGuid():N}"[..(who.Length + 13)] + "@panaderia.test";

    public static EmailAccount Account(string address, string folder = "INBOX") => new()
    {
        Address = address,
        UserName = address,
        Password = Password,
        ImapHost = "127.0.0.1",
        ImapPort = ImapPort,
        ImapSecurity = MailSecurity.None,
        SmtpHost = "127.0.0.1",
        SmtpPort = SmtpPort,
        SmtpSecurity = MailSecurity.None,
        Folder = folder,
    };

    public static AddEmailChannel.Request ChannelRequest(string address, string folder = "INBOX") => new(
        address, Password, "127.0.0.1", "127.0.0.1",
        ImapPort: ImapPort, ImapSecurity: MailSecurity.None, SmtpPort: SmtpPort, SmtpSecurity: MailSecurity.None, Folder: folder);

    /// <summary>Sends a message through Postfix, logged in as its sender, as a customer's mail client would.</summary>
    public static async Task SendAsync(MimeMessage message)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync("127.0.0.1", SmtpPort, SecureSocketOptions.None);
        await smtp.AuthenticateAsync(message.From.Mailboxes.First().Address, Password);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
    }

    public static MimeMessage Message(string from, string to, string subject, string body, string? inReplyTo = null, params string[] references)
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("cliente.example");
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo;
        }
        foreach (var reference in references)
        {
            message.References.Add(reference);
        }
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    public static async Task<ImapClient> LoginAsync(string address)
    {
        var imap = new ImapClient();
        await imap.ConnectAsync("127.0.0.1", ImapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync(address, Password);
        return imap;
    }

    /// <summary>Waits until the mailbox's folder holds <paramref name="count"/> messages: delivery is asynchronous.</summary>
    public static async Task<IList<MimeMessage>> WaitForMessagesAsync(string address, int count, string folder = "INBOX", int timeoutSeconds = 30)
    {
        using var imap = await LoginAsync(address);
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var box = await imap.GetFolderAsync(folder);
            await box.OpenAsync(FolderAccess.ReadOnly);
            if (box.Count >= count)
            {
                var messages = new List<MimeMessage>();
                for (var i = 0; i < box.Count; i++)
                {
                    messages.Add(await box.GetMessageAsync(i));
                }
                await box.CloseAsync();
                return messages;
            }
            await box.CloseAsync();
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{address}/{folder} has {box.Count} messages, expected {count}.");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Puts messages straight into a folder (IMAP APPEND), creating it if needed, as another mail client would.</summary>
    public static Task AppendAsync(string address, string folder, params MimeMessage[] messages) =>
        AppendAsync(address, folder, null, messages);

    /// <summary>Appends with the given delivery date (IMAP INTERNALDATE), as a restored backup would.</summary>
    public static async Task AppendAsync(string address, string folder, DateTimeOffset? delivered, params MimeMessage[] messages)
    {
        using var imap = await LoginAsync(address);
        IMailFolder box;
        try
        {
            box = await imap.GetFolderAsync(folder);
        }
        catch (FolderNotFoundException)
        {
            box = (await imap.GetFolder(imap.PersonalNamespaces[0]).CreateAsync(folder, true))!;
        }
        foreach (var message in messages)
        {
            if (delivered is { } date)
            {
                await box.AppendAsync(message, MessageFlags.None, date);
            }
            else
            {
                await box.AppendAsync(message, MessageFlags.None);
            }
        }
        await imap.DisconnectAsync(true);
    }

    /// <summary>Deletes a folder: created again, it gets a new UIDVALIDITY and its messages new UIDs.</summary>
    public static async Task DeleteFolderAsync(string address, string folder)
    {
        using var imap = await LoginAsync(address);
        var box = await imap.GetFolderAsync(folder);
        await box.DeleteAsync();
        await imap.DisconnectAsync(true);
    }

    /// <summary>Expunges every message of a folder, as a person emptying the mailbox would.</summary>
    public static async Task EmptyFolderAsync(string address, string folder = "INBOX")
    {
        using var imap = await LoginAsync(address);
        var box = await imap.GetFolderAsync(folder);
        await box.OpenAsync(FolderAccess.ReadWrite);
        if (box.Count > 0)
        {
            var uids = await box.SearchAsync(MailKit.Search.SearchQuery.All);
            await box.AddFlagsAsync(uids, MessageFlags.Deleted, true);
            await box.ExpungeAsync();
        }
        await imap.DisconnectAsync(true);
    }

    private static int Port(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var port) ? port : fallback;
}
