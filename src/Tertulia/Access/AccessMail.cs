using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Tertulia.Channels.Email;

namespace Tertulia.Access;

/// <summary>The installation's own mail server (Tertulia:Smtp), for invitations and password resets.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>The sender, e.g. "Tertulia &lt;tertulia@horno.example&gt;".</summary>
    public string From { get; set; } = "tertulia@localhost";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public MailSecurity Security { get; set; } = MailSecurity.Auto;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How people reach Tertulia (https://tertulia.horno.example): links in mails start so. Unset: the address the request came to.</summary>
    public string? PublicUrl { get; set; }
}

/// <summary>A file sent with a mail (the management report's PDF).</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

public sealed class AccessMail(IOptions<SmtpOptions> options, ILogger<AccessMail> log)
{
    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Host);

    /// <summary>Where links in mails point: the configured public address, else the one the request came to.</summary>
    public string BaseUrl(HttpRequest request) =>
        (options.Value.PublicUrl ?? $"{request.Scheme}://{request.Host}{request.PathBase}").TrimEnd('/');

    public Task SendAsync(string to, string subject, string text, CancellationToken ct) => SendAsync(to, subject, text, null, null, ct);

    /// <summary>A mail with one file attached; <paramref name="messageId"/> (derived from what is sent) lets mail clients show a resend once.</summary>
    public async Task SendAsync(string to, string subject, string text, MailAttachment? attachment, string? messageId, CancellationToken ct)
    {
        var smtp = options.Value;
        if (!Configured)
        {
            throw new InvalidOperationException("No mail server is configured (Tertulia:Smtp:Host).");
        }
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow };
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(to));
        // UiText.tsv writes line breaks as \n.
        var body = new TextPart("plain") { Text = text.Replace("\\n", "\n") };
        if (messageId is not null)
        {
            message.MessageId = messageId;
        }
        if (attachment is null)
        {
            message.Body = body;
        }
        else
        {
            var builder = new BodyBuilder { TextBody = body.Text };
            builder.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
            message.Body = builder.ToMessageBody();
        }
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security switch
        {
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            MailSecurity.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.Auto,
        }, ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        }
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
        log.LogInformation("Mail \"{Subject}\" sent to {To}", subject, to);
    }
}
