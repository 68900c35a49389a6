namespace Tertulia.Inbox;

/// <summary>
/// An agent's answer, recorded before it is sent (the outbox): the <see cref="ReplyOutbox"/> worker sends it through the
/// customer's channel with <see cref="IdempotencyKey"/>, so a send retried after a crash never reaches the customer twice.
/// </summary>
public sealed class Reply
{
    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public long ConversationId { get; set; }
    /// <summary>The message it answers (the newest customer message when it was written).</summary>
    public long InReplyToMentionId { get; set; }
    public string? AuthorId { get; set; }
    public required string Text { get; set; }
    public required string IdempotencyKey { get; set; }
    public ReplyState State { get; set; } = ReplyState.Sending;
    public int Attempts { get; set; }
    /// <summary>The worker may (re)try from this moment: a claimed reply's lease, a failed one's back-off.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? FailureReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>The channel's id of what was sent (Message-ID, status id).</summary>
    public string? SentExternalId { get; set; }
    /// <summary>What was sent, as the channel returned it (JSON of the incoming item), until it is stored as a mention.</summary>
    public string? SentItem { get; set; }
    /// <summary>The brand's message in the conversation, once stored.</summary>
    public long? MentionId { get; set; }

    public const int MaxTextLength = 20_000;
}

public enum ReplyState
{
    /// <summary>Recorded; the worker sends it (or is sending it).</summary>
    Sending = 0,
    Sent = 1,
    /// <summary>The channel refused it; <see cref="Reply.FailureReason"/> says why; an agent may retry.</summary>
    Failed = 2,
}
