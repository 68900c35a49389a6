namespace Tertulia.Access;

/// <summary>What a member may do in one workspace; each role includes the ones below it.</summary>
public enum WorkspaceRole
{
    /// <summary>Reads everything of the workspace, changes nothing.</summary>
    Viewer = 0,
    /// <summary>Answers customers: assigns, replies, changes status, writes notes.</summary>
    Agent = 1,
    /// <summary>Configures channels, queries, canned responses, SLA and members (except owners).</summary>
    Admin = 2,
    /// <summary>Everything, including other admins and deleting the workspace.</summary>
    Owner = 3,
}
