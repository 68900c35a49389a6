using System.Security.Claims;

namespace Tertulia.Access;

/// <summary>
/// The contract every workspace endpoint uses to say who may call it: a caller who is not a member of the route's
/// <c>{workspaceId}</c> gets 404 (the workspace's existence is not revealed), a member below the minimum role gets
/// 403, an anonymous caller 401. The check runs in <see cref="WorkspaceAccessMiddleware"/>.
/// </summary>
public static class WorkspaceAccessEndpoints
{
    public static TBuilder RequireWorkspaceRole<TBuilder>(this TBuilder builder, WorkspaceRole minimum)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization();
        builder.WithMetadata(new WorkspaceRoleRule(minimum, minimum));
        return builder;
    }

    /// <summary>The signed-in user's id (ASP.NET Core Identity string id), or null for an anonymous caller.</summary>
    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The caller's role in the route's workspace, once the access check let the request through.</summary>
    public static WorkspaceRole? WorkspaceRole(this HttpContext http) =>
        http.Items.TryGetValue(WorkspaceAccessMiddleware.RoleKey, out var role) ? role as WorkspaceRole? : null;
}

/// <summary>
/// Endpoint metadata: the least role that may read (GET, HEAD) and the least that may change (POST, PUT, DELETE...)
/// through the endpoint of the route's <c>{workspaceId}</c>.
/// </summary>
public sealed record WorkspaceRoleRule(WorkspaceRole Read, WorkspaceRole Write)
{
    public WorkspaceRole For(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? Read : Write;
}

/// <summary>
/// On a workspace page model (/w/{workspaceId}/...): who may see it, and who may post its forms.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class WorkspacePageAttribute(WorkspaceRole read, WorkspaceRole write) : Attribute
{
    public WorkspaceRoleRule Rule { get; } = new(read, write);
}
