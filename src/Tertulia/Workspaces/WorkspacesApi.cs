using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Storage;

namespace Tertulia.Workspaces;

public static class WorkspacesApi
{
    public sealed record WorkspaceDto(int Id, string Name, string Slug, string? Description, DateTimeOffset CreatedAt);

    public sealed record CreateWorkspace(string Name, string? Description = null);

    public static IEndpointRouteBuilder MapWorkspacesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workspaces").WithTags("Workspaces");

        // Any signed-in user: the list holds only the workspaces they are a member of.
        group.MapGet("/", async (IDbContextFactory<TertuliaDb> dbs, ClaimsPrincipal user, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var userId = user.UserId();
            var workspaces = await db.Workspaces.AsNoTracking()
                .Where(w => db.WorkspaceMembers.Any(m => m.WorkspaceId == w.Id && m.UserId == userId))
                .OrderBy(w => w.Name).ToListAsync(ct);
            return TypedResults.Ok(workspaces.ConvertAll(w => new WorkspaceDto(w.Id, w.Name, w.Slug, w.Description, w.CreatedAt)));
        }).WithName("ListWorkspaces").RequireAuthorization();

        group.MapPost("/", async Task<Results<Created<WorkspaceDto>, ProblemHttpResult>> (
            CreateWorkspace request, WorkspaceCatalog catalog, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
            {
                return TypedResults.Problem(title: "Invalid workspace", detail: "A workspace needs a name of at most 200 characters.", statusCode: 400);
            }
            var w = await catalog.CreateAsync(request.Name, request.Description, user.UserId(), ct);
            return TypedResults.Created($"/api/workspaces/{w.Id}", new WorkspaceDto(w.Id, w.Name, w.Slug, w.Description, w.CreatedAt));
        }).WithName("CreateWorkspace").RequireAuthorization();

        return app;
    }
}
