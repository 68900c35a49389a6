using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Workspaces;

public static class WorkspacesApi
{
    public sealed record WorkspaceDto(int Id, string Name, string Slug, string? Description, DateTimeOffset CreatedAt);

    public sealed record CreateWorkspace(string Name, string? Description = null);

    public static IEndpointRouteBuilder MapWorkspacesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workspaces").WithTags("Workspaces");

        group.MapGet("/", async (IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var workspaces = await db.Workspaces.AsNoTracking().OrderBy(w => w.Name).ToListAsync(ct);
            return TypedResults.Ok(workspaces.ConvertAll(w => new WorkspaceDto(w.Id, w.Name, w.Slug, w.Description, w.CreatedAt)));
        }).WithName("ListWorkspaces");

        group.MapPost("/", async Task<Results<Created<WorkspaceDto>, ProblemHttpResult>> (
            CreateWorkspace request, WorkspaceCatalog catalog, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
            {
                return TypedResults.Problem(title: "Invalid workspace", detail: "A workspace needs a name of at most 200 characters.", statusCode: 400);
            }
            var w = await catalog.CreateAsync(request.Name, request.Description, ct);
            return TypedResults.Created($"/api/workspaces/{w.Id}", new WorkspaceDto(w.Id, w.Name, w.Slug, w.Description, w.CreatedAt));
        }).WithName("CreateWorkspace");

        return app;
    }
}
