using System.Security.Claims;

namespace Tertulia.Access;

/// <summary>
/// The contract every workspace endpoint uses to say who may call it. The check itself (ASP.NET Core Identity users,
/// per-workspace membership, personal tokens) is issue 8's access work: a caller who is not a member of the route's
/// <c>{workspaceId}</c> gets 404, a member below <paramref name="minimum"/> gets 403.
/// </summary>
public static class WorkspaceAccessEndpoints
{
    public static TBuilder RequireWorkspaceRole<TBuilder>(this TBuilder builder, WorkspaceRole minimum)
        where TBuilder : IEndpointConventionBuilder
    {
        // Not enforced yet: the access work replaces this body with the membership filter.
        _ = minimum;
        return builder;
    }

    /// <summary>The signed-in user's id (ASP.NET Core Identity string id), or null for an anonymous caller.</summary>
    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);
}
