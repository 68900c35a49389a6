namespace Tertulia.Insights.Delivery;

/// <summary>
/// The management report sent by email on a cadence (every Monday for last week, on the 1st for last month) to
/// people who may not use Tertulia at all, such as the managing director. Set by owners and admins.
/// </summary>
public sealed class ReportSchedule
{
    public const int MaxRecipients = 20;
    public const int RecipientsLength = 2000;

    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    /// <summary>Email addresses, one per line as stored (<see cref="ReportRecipients"/> reads and checks them).</summary>
    public required string Recipients { get; set; }
    public ReportCadence Cadence { get; set; }
    /// <summary>"es" or "en": the report's and the mail's language.</summary>
    public string Language { get; set; } = "es";
    public bool Enabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    /// <summary>When the next period's report is due (the business's morning after the period ends).</summary>
    public DateTimeOffset NextRunAt { get; set; }
}

public enum ReportCadence
{
    Weekly = 0,
    Monthly = 1,
}

/// <summary>
/// One report to one recipient for one period: written before sending, unique per schedule, period, trigger and
/// recipient, so whichever node plans it, it goes out once; claimed with a lease, retried on failure.
/// </summary>
public sealed class ReportDelivery
{
    public const int TriggerLength = 64;

    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public int ScheduleId { get; set; }
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    /// <summary>"scheduled", or "manual:…" for one sent from the page.</summary>
    public required string Trigger { get; set; }
    public required string Recipient { get; set; }
    public ReportDeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? Error { get; set; }
}

public enum ReportDeliveryState
{
    Pending = 0,
    Sent = 1,
    Failed = 2,
}
