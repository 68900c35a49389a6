namespace Tertulia.Alerts.Incidents;

/// <summary>
/// One storm, however long it lasts: opened by a rule's first alert, it grows while the storm goes on (re-notifying
/// only when it escalates), and closes when the volume is back to normal — or when a person resolves it.
/// </summary>
public sealed class Incident
{
    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    /// <summary>The rule that opened it; <see cref="RuleIds"/> lists every rule the storm has fired since.</summary>
    public int RuleId { get; set; }
    /// <summary>",3,5,": the storm's rules. Rules of one scope that fire while it is open join it instead of opening another.</summary>
    public string RuleIds { get; set; } = "";
    /// <summary>The listening query the storm is about; null = the whole workspace.</summary>
    public int? QueryId { get; set; }
    public required string Title { get; set; }
    public IncidentStatus Status { get; set; } = IncidentStatus.Open;
    /// <summary>1 at opening; +1 each time the storm doubles what was last notified.</summary>
    public int Level { get; set; } = 1;
    public DateTimeOffset OpenedAt { get; set; }
    /// <summary>Where the storm began: the start of the window that fired.</summary>
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastSignalAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? AssigneeId { get; set; }
    public string? ResolvedBy { get; set; }
    /// <summary>The storm's size: its mentions since <see cref="StartedAt"/> (negative ones, complaints, risk mentions, breaches).</summary>
    public int Size { get; set; }
    /// <summary>
    /// The risk mentions counted by the rule that opened it, kept apart from <see cref="Size"/>: a counting rule that
    /// joins already sees those mentions in its own count, so adding the two would count them twice.
    /// </summary>
    public int RiskMentions { get; set; }
    /// <summary>The size last notified: the incident escalates (and notifies again) when the storm doubles it.</summary>
    public int NotifiedSize { get; set; }
    /// <summary>The level last notified: an escalation is told once, whichever node saw it.</summary>
    public int NotifiedLevel { get; set; }
    /// <summary>The most surprising window seen: its count, what was expected, its length.</summary>
    public int PeakObserved { get; set; }
    public double PeakExpected { get; set; }
    public int WindowHours { get; set; }
    /// <summary>The mention that fired a risk rule.</summary>
    public long? TriggerMentionId { get; set; }
    /// <summary>The team's public holding statement, written in the crisis room.</summary>
    public string? HoldingStatement { get; set; }

    public const int MaxTitleLength = 200;
    public const int MaxStatementLength = 2000;

    public bool IsOpen => ClosedAt is null;

    public bool Has(int ruleId) => RuleIds.Contains($",{ruleId},", StringComparison.Ordinal);

    public void Add(int ruleId) => RuleIds = Has(ruleId) ? RuleIds : (RuleIds.Length == 0 ? "," : RuleIds) + ruleId + ",";

    public IEnumerable<int> Rules() => RuleIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);
}

public enum IncidentStatus
{
    Open = 0,
    Acknowledged = 1,
    Resolved = 2,
}

/// <summary>What happened to an incident, who did it and when: its timeline and the crisis checklist's record.</summary>
public sealed class IncidentEvent
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Identity user id; null for Tertulia itself.</summary>
    public string? ActorId { get; set; }
    public required string Kind { get; set; }
    public string? Detail { get; set; }
    public Incident? Incident { get; set; }

    public const int MaxDetailLength = 500;
}

public static class IncidentEvents
{
    public const string Opened = "opened";
    public const string Escalated = "escalated";
    public const string Reopened = "reopened";
    public const string RuleJoined = "rule-joined";
    public const string Acknowledged = "acknowledged";
    public const string Assigned = "assigned";
    public const string Resolved = "resolved";
    public const string ClosedCalm = "closed-calm";
    public const string Statement = "statement";
    public const string StatementPosted = "statement-posted";
    public const string StepDone = "step";
    public const string StepUndone = "step-undone";
}

/// <summary>The crisis playbook the team works through, in order (from the seeds' lesson: speak first, in the open).</summary>
public static class CrisisSteps
{
    public const string AcknowledgePublicly = "acknowledge-publicly";
    public const string PublishExplanation = "publish-explanation";
    public const string AnswerEveryone = "answer-everyone";
    public const string FollowUp = "follow-up";

    public static readonly string[] All = [AcknowledgePublicly, PublishExplanation, AnswerEveryone, FollowUp];
}
