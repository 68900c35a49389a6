namespace Tertulia.Channels.Email;

/// <summary>How to reach a mailbox: stored whole in the channel's encrypted credentials.</summary>
public sealed record EmailAccount
{
    /// <summary>The brand's address: answers are sent from it.</summary>
    public required string Address { get; init; }
    public string? DisplayName { get; init; }
    public required string UserName { get; init; }
    public required string Password { get; init; }
    public required string ImapHost { get; init; }
    public int ImapPort { get; init; } = 993;
    public MailSecurity ImapSecurity { get; init; } = MailSecurity.Auto;
    public required string SmtpHost { get; init; }
    public int SmtpPort { get; init; } = 587;
    public MailSecurity SmtpSecurity { get; init; } = MailSecurity.Auto;
    /// <summary>The folder listened to.</summary>
    public string Folder { get; init; } = "INBOX";

    /// <summary>What the channel shows as its source; never the password.</summary>
    public string Source => $"imap://{Uri.EscapeDataString(UserName)}@{ImapHost}:{ImapPort}/{Uri.EscapeDataString(Folder)}";
}

public enum MailSecurity
{
    /// <summary>TLS on the usual TLS ports, STARTTLS when the server offers it elsewhere.</summary>
    Auto,
    SslOnConnect,
    StartTls,
    /// <summary>No encryption: only for servers on the same machine or a trusted network.</summary>
    None,
}

public sealed class EmailOptions
{
    /// <summary>Messages read per poll; a bigger backlog continues on the next poll, straight away.</summary>
    public int MaxMessagesPerPoll { get; set; } = 200;
    /// <summary>Larger messages are reported and skipped.</summary>
    public long MaxMessageBytes { get; set; } = 25 * 1024 * 1024;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>Hold an IMAP IDLE connection per mailbox so new mail is read at once instead of at the next poll.</summary>
    public bool Idle { get; set; } = true;
}
