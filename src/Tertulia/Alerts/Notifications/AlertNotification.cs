namespace Tertulia.Alerts.Notifications;

/// <summary>An alert shown to one person in the top bar of every page, until read.</summary>
public sealed class AlertNotification
{
    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string UserId { get; set; }
    public long IncidentId { get; set; }
    /// <summary>The incident event it tells of ("incident:12:level:2"): one per person and event, whichever node sent it.</summary>
    public required string EventKey { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>
/// An alert to deliver outside Tertulia (an email, a webhook call): the outbox. Recorded in the transaction that
/// opened or escalated the incident, unique by (event, target), so it goes out once; the worker retries with back-off.
/// </summary>
public sealed class AlertDelivery
{
    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public long IncidentId { get; set; }
    public required string EventKey { get; set; }
    public DeliveryKind Kind { get; set; }
    /// <summary>An email address, or the webhook's id.</summary>
    public required string Target { get; set; }
    public required string Subject { get; set; }
    /// <summary>The mail's text, or the webhook's JSON body.</summary>
    public required string Body { get; set; }
    public DeliveryState State { get; set; } = DeliveryState.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }

    public const int MaxBodyLength = 20_000;
}

public enum DeliveryKind
{
    Email = 1,
    Webhook = 2,
}

public enum DeliveryState
{
    Pending = 0,
    Sent = 1,
    /// <summary>Gave up after the last back-off step; <see cref="AlertDelivery.LastError"/> says why.</summary>
    Failed = 2,
}

/// <summary>Where a workspace's alerts are also posted (a team chat, an on-call tool), signed with the webhook's secret.</summary>
public sealed class AlertWebhook
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string Url { get; set; }
    public required string Secret { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One person's choices for one workspace: what (every alert or only escalations), where, and quiet hours.</summary>
public sealed class AlertPreference
{
    public int WorkspaceId { get; set; }
    public required string UserId { get; set; }
    public bool InApp { get; set; } = true;
    public bool Email { get; set; } = true;
    /// <summary>1 = every new incident; 2 = only escalations (level 2 and up).</summary>
    public int MinLevel { get; set; } = 1;
    /// <summary>Local hours [start, end) when emails wait (in-app still shows); null = none.</summary>
    public int? QuietFromHour { get; set; }
    public int? QuietToHour { get; set; }
    public string TimeZone { get; set; } = "Europe/Madrid";
}
