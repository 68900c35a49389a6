namespace Tertulia.Access;

/// <summary>A user's place in one workspace: what they may do there. A user may belong to several workspaces.</summary>
public sealed class WorkspaceMember
{
    public int WorkspaceId { get; set; }
    /// <summary>The ASP.NET Core Identity user's id.</summary>
    public required string UserId { get; set; }
    public WorkspaceRole Role { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
}
