namespace Tertulia.Inbox;

/// <summary>
/// What a team answers: a customer's post and its comment thread, an email thread or a reply chain, grouped by the
/// mention that started it. Created by the ingestion pipeline (and the backfill for older mentions).
/// </summary>
public sealed class Conversation
{
    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public int ChannelId { get; set; }
    /// <summary>The first message of the thread: every reply to it (or to its replies) joins this conversation.</summary>
    public long RootMentionId { get; set; }
    /// <summary>The root's title or the start of its text, for the list.</summary>
    public string? Subject { get; set; }
    /// <summary>Who wrote the first message (the customer), as the channel names them.</summary>
    public string? CustomerName { get; set; }
    public ConversationStatus Status { get; set; } = ConversationStatus.Open;
    /// <summary>A snoozed conversation opens again at this moment.</summary>
    public DateTimeOffset? SnoozedUntil { get; set; }
    /// <summary>The agent it is assigned to (Identity user id); null = nobody.</summary>
    public string? AssigneeId { get; set; }
    public int? TeamId { get; set; }
    public ConversationPriority Priority { get; set; } = ConversationPriority.None;

    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The newest message or change: the list's order.</summary>
    public DateTimeOffset LastActivityAt { get; set; }
    public DateTimeOffset? LastCustomerMessageAt { get; set; }
    /// <summary>When the brand first answered; with <see cref="CreatedAt"/>, the time to first response.</summary>
    public DateTimeOffset? FirstResponseAt { get; set; }
    /// <summary>When it was last resolved (null while not resolved).</summary>
    public DateTimeOffset? ResolvedAt { get; set; }
    public int MessageCount { get; set; }
    /// <summary>The start of the newest message, for the list.</summary>
    public string? Preview { get; set; }

    public const int SubjectLength = 200;
    public const int PreviewLength = 200;
}

public enum ConversationStatus
{
    Open = 0,
    /// <summary>Waiting on the customer (or someone else); back to open when the customer writes.</summary>
    Pending = 1,
    Resolved = 2,
    Snoozed = 3,
}

public enum ConversationPriority
{
    None = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Urgent = 4,
}
