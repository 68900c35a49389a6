namespace Tertulia.Publishing;

/// <summary>
/// A post the brand composes once for several of its channels: a draft, then (approved) scheduled, then published
/// through each channel by its <see cref="PublicationDelivery"/>. The database is the schedule.
/// </summary>
public sealed class Publication
{
    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public string? AuthorId { get; set; }
    public required string Text { get; set; }
    /// <summary>"es", "en"... as the composer said or detected; channels label the post with it.</summary>
    public string? Language { get; set; }
    public PublicationState State { get; set; } = PublicationState.Draft;
    /// <summary>When it goes out (an instant; shown in the workspace's time zone).</summary>
    public DateTimeOffset? ScheduledFor { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    /// <summary>Value for the community, 0–100, when it was last saved (see <see cref="ValueScore"/>).</summary>
    public int Score { get; set; }
    /// <summary>It counts against the share of promotional posts.</summary>
    public bool Promotional { get; set; }
    /// <summary>Where it came from: "composer", or a capability that posts through it (e.g. "alert:12").</summary>
    public string Origin { get; set; } = Origins.Composer;
    public byte[]? ImageContent { get; set; }
    public string? ImageContentType { get; set; }
    public string? ImageAlt { get; set; }
    /// <summary>Why it could not be published (every channel's reason), once it failed.</summary>
    public string? FailureReason { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    public const int MaxTextLength = 5_000;
    public const int FailureLength = 2_000;

    public static class Origins
    {
        public const string Composer = "composer";
    }
}

public enum PublicationState
{
    Draft = 0,
    /// <summary>An agent asked for it to be published; an admin approves it (or sends it back).</summary>
    AwaitingApproval = 1,
    /// <summary>Approved; its deliveries go out at <see cref="Publication.ScheduledFor"/>.</summary>
    Scheduled = 2,
    Published = 3,
    /// <summary>A channel refused it after every retry; the reason is shown and the team was told.</summary>
    Failed = 4,
    Cancelled = 5,
}
