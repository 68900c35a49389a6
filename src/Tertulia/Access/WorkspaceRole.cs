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

public static class WorkspaceRoles
{
    /// <summary>
    /// The roles that answer customers. Roles are stored by name, so a query compares against this list, never with
    /// <c>&gt;=</c> (which would compare the names).
    /// </summary>
    public static readonly WorkspaceRole[] WhoAnswer = [WorkspaceRole.Agent, WorkspaceRole.Admin, WorkspaceRole.Owner];
}
