namespace Tertulia.Publishing;

/// <summary>
/// A publication going out through one channel: its parts (one, or a thread) posted in order by the
/// <see cref="PublicationOutbox"/>. It is published only when the channel has confirmed every part with its id.
/// </summary>
public sealed class PublicationDelivery
{
    public long Id { get; set; }
    public long PublicationId { get; set; }
    public int WorkspaceId { get; set; }
    public int ChannelId { get; set; }
    public DeliveryState State { get; set; } = DeliveryState.Held;
    public int Attempts { get; set; }
    /// <summary>The worker may (re)try from this moment: the schedule, a claimed delivery's lease, a failed attempt's back-off.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>The last attempt's error (kept while it is retried, so the team sees it), or why it failed.</summary>
    public string? LastError { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>The channel's id and address of the first part.</summary>
    public string? ExternalId { get; set; }
    public string? Url { get; set; }
    /// <summary>The brand's mention of the first part, once stored through the pipeline.</summary>
    public long? MentionId { get; set; }

    public const int ErrorLength = 1_000;
}

public enum DeliveryState
{
    /// <summary>The publication is a draft or awaits approval.</summary>
    Held = 0,
    /// <summary>Goes out at <see cref="PublicationDelivery.NextAttemptAt"/>.</summary>
    Due = 1,
    Published = 2,
    Failed = 3,
    Cancelled = 4,
}

/// <summary>One post of a delivery (a thread has several), with the key every attempt at it uses.</summary>
public sealed class PublicationPart
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public int Index { get; set; }
    public required string Text { get; set; }
    public required string IdempotencyKey { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>The channel's id of the posted part: set only from the channel's confirmation.</summary>
    public string? ExternalId { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>What was posted, as the channel returned it (JSON of the incoming item), until it is stored as a mention.</summary>
    public string? SentItem { get; set; }
    public long? MentionId { get; set; }
}
