namespace Tertulia.Listening;

/// <summary>
/// Re-tagging a workspace's stored mentions after a query changed. The table is the schedule: the worker picks up
/// unfinished jobs and moves <see cref="AfterMentionId"/> forward batch by batch, so a restart resumes, not restarts.
/// </summary>
public sealed class RetagJob
{
    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public int QueryId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Mentions to go through, counted when the job was created.</summary>
    public int Total { get; set; }
    public int Done { get; set; }
    public int Matched { get; set; }
    /// <summary>The last mention already re-tagged: the cursor.</summary>
    public long AfterMentionId { get; set; }
    /// <summary>Set when a newer edit of the same query made this job pointless.</summary>
    public bool Superseded { get; set; }
}
