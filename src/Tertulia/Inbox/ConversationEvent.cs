namespace Tertulia.Inbox;

/// <summary>One line of a conversation's history: who (null = Tertulia itself) did what, when.</summary>
public sealed class ConversationEvent
{
    public long Id { get; set; }
    public long ConversationId { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ActorId { get; set; }
    public required string Kind { get; set; }
    /// <summary>What changed, e.g. the new status or the assignee's id.</summary>
    public string? Detail { get; set; }

    public const int DetailLength = 500;
}

/// <summary>The kinds of <see cref="ConversationEvent"/>.</summary>
public static class ConversationEvents
{
    public const string Created = "created";
    public const string CustomerWrote = "customer-wrote";
    public const string Reopened = "reopened";
    public const string StatusChanged = "status";
    public const string Assigned = "assigned";
    public const string PriorityChanged = "priority";
    public const string LabelAdded = "label-added";
    public const string LabelRemoved = "label-removed";
    public const string NoteAdded = "note";
    public const string ReplyQueued = "reply-queued";
    public const string ReplySent = "reply-sent";
    public const string ReplyFailed = "reply-failed";
    public const string Woke = "snooze-ended";
}
