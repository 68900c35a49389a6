namespace Tertulia.Alerts.Evaluation;

/// <summary>
/// "Look at this workspace again": written in the transaction that stored its mentions, so a check is due exactly
/// when mentions were committed, and one left by a node that died is done by another. The database is the queue.
/// </summary>
public sealed class AlertCheck
{
    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    /// <summary>A stored mention that used a risk rule's words (found while storing: one mention is enough to alert).</summary>
    public long? RiskMentionId { get; set; }
    public int? RiskRuleId { get; set; }
    public DateTimeOffset At { get; set; }
}
