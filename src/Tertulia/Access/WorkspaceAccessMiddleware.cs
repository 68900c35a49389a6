using System.Globalization;
using Microsoft.AspNetCore.Authentication;

namespace Tertulia.Access;

/// <summary>
/// After authentication and authorization: an endpoint of one workspace lets through only that workspace's members
/// with the role it asks for. Not a member (or no such workspace): 404, so nobody learns which workspaces exist.
/// A member whose role is too low: 403.
/// </summary>
public sealed class WorkspaceAccessMiddleware(RequestDelegate next)
{
    public const string RoleKey = "Tertulia.WorkspaceRole";

    public async Task InvokeAsync(HttpContext http, WorkspaceMembers members)
    {
        var endpoint = http.GetEndpoint();
        var rule = endpoint?.Metadata.GetMetadata<WorkspaceRoleRule>()
            ?? endpoint?.Metadata.GetMetadata<WorkspacePageAttribute>()?.Rule;
        if (rule is null)
        {
            await next(http);
            return;
        }
        var userId = http.User.UserId();
        if (userId is null)
        {
            await http.ChallengeAsync();
            return;
        }
        var role = int.TryParse(http.GetRouteValue("workspaceId") as string, NumberStyles.None, CultureInfo.InvariantCulture, out var workspaceId)
            ? await members.RoleOfAsync(userId, workspaceId, http.RequestAborted)
            : null;
        if (role is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (role < rule.For(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        http.Items[RoleKey] = role;
        await next(http);
    }
}
