using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;
using Tertulia.Access;

namespace Tertulia.Listening;

/// <summary>/api/workspaces/{id}/queries: listening queries, their re-tagging progress and a live preview.</summary>
public static class QueriesApi
{
    public sealed record QueryRequest(string? Name, string? Expression, bool? Active, string? Role = null);

    public sealed record PreviewRequest(string? Expression);

    public sealed record RetagDto(string State, int Done, int Total, int Matched, int Percent)
    {
        public static RetagDto? From(RetagJob? job) => job is null ? null : new(
            job.FinishedAt is not null ? "done" : job.Done > 0 ? "running" : "queued",
            job.Done, job.Total, job.Matched,
            job.FinishedAt is not null ? 100 : job.Total == 0 ? 0 : Math.Min(99, job.Done * 100 / job.Total));
    }

    public sealed record QueryDto(
        int Id, string Name, string Expression, bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int MatchCount, RetagDto? Retag, string Role = "topic");

    public static IEndpointRouteBuilder MapQueriesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workspaces/{workspaceId:int}/queries").WithTags("Listening queries");

        group.MapGet("/", async Task<Results<Ok<List<QueryDto>>, NotFound>> (int workspaceId, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
            {
                return TypedResults.NotFound();
            }
            return TypedResults.Ok(await ListAsync(db, workspaceId, null, ct));
        }).WithName("ListQueries").RequireWorkspaceRole(WorkspaceRole.Viewer);

        group.MapGet("/{queryId:int}", async Task<Results<Ok<QueryDto>, NotFound>> (int workspaceId, int queryId, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await ListAsync(db, workspaceId, queryId, ct);
            return found.Count == 1 ? TypedResults.Ok(found[0]) : TypedResults.NotFound();
        }).WithName("GetQuery").RequireWorkspaceRole(WorkspaceRole.Viewer);

        group.MapPost("/", async Task<Results<Created<QueryDto>, NotFound, ProblemHttpResult, ValidationProblem>> (
            int workspaceId, QueryRequest request, SaveListeningQuery save, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            var outcome = await save.HandleAsync(workspaceId, null, new(request.Name, request.Expression, request.Active, request.Role), ct);
            return await SavedAsync(outcome, workspaceId, dbs, ct) is { } dto
                ? TypedResults.Created($"/api/workspaces/{workspaceId}/queries/{dto.Id}", dto)
                : Failure<Created<QueryDto>>(outcome);
        }).WithName("CreateQuery").RequireWorkspaceRole(WorkspaceRole.Admin);

        group.MapPut("/{queryId:int}", async Task<Results<Ok<QueryDto>, NotFound, ProblemHttpResult, ValidationProblem>> (
            int workspaceId, int queryId, QueryRequest request, SaveListeningQuery save, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            var outcome = await save.HandleAsync(workspaceId, queryId, new(request.Name, request.Expression, request.Active, request.Role), ct);
            return await SavedAsync(outcome, workspaceId, dbs, ct) is { } dto
                ? TypedResults.Ok(dto)
                : Failure<Ok<QueryDto>>(outcome);
        }).WithName("UpdateQuery").RequireWorkspaceRole(WorkspaceRole.Admin);

        group.MapDelete("/{queryId:int}", async Task<Results<NoContent, NotFound>> (int workspaceId, int queryId, DeleteListeningQuery delete, CancellationToken ct) =>
            await delete.HandleAsync(workspaceId, queryId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("DeleteQuery").RequireWorkspaceRole(WorkspaceRole.Admin);

        group.MapPost("/preview", async Task<Results<Ok<PreviewListeningQuery.Preview>, NotFound, ProblemHttpResult>> (
            int workspaceId, PreviewRequest request, PreviewListeningQuery preview, CancellationToken ct) =>
        {
            if (!QueryParser.TryParse(request.Expression, out var query, out var error))
            {
                return QueryProblem.Of(error!);
            }
            return await preview.HandleAsync(workspaceId, query!, ct) is { } result ? TypedResults.Ok(result) : TypedResults.NotFound();
        }).WithName("PreviewQuery").RequireWorkspaceRole(WorkspaceRole.Viewer);

        return app;
    }

    public static async Task<List<QueryDto>> ListAsync(TertuliaDb db, int workspaceId, int? queryId, CancellationToken ct)
    {
        var queries = await db.ListeningQueries.AsNoTracking()
            .Where(q => q.WorkspaceId == workspaceId && (queryId == null || q.Id == queryId))
            .OrderBy(q => q.Name)
            .ToListAsync(ct);
        var ids = queries.ConvertAll(q => q.Id);
        // The job before the tags: a re-tag batch commits its tags with the job's progress, so tags counted after
        // the job was read are at least that new. (Counted first, a batch committing in between showed a job
        // "done" beside the tags of before: the count of a deactivated query not yet zero.)
        var jobs = await RetagJobs.LatestAsync(db, ids, ct);
        var counts = await db.QueryMatches.Where(m => ids.Contains(m.QueryId))
            .GroupBy(m => m.QueryId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return queries.ConvertAll(q => new QueryDto(q.Id, q.Name, q.Expression, q.Active, q.CreatedAt, q.UpdatedAt,
            counts.GetValueOrDefault(q.Id), RetagDto.From(jobs.GetValueOrDefault(q.Id)), q.Role.ToString().ToLowerInvariant()));
    }

    private static async Task<QueryDto?> SavedAsync(SaveListeningQuery.Outcome outcome, int workspaceId, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct)
    {
        if (outcome.Query is null)
        {
            return null;
        }
        await using var db = await dbs.CreateDbContextAsync(ct);
        return (await ListAsync(db, workspaceId, outcome.Query.Id, ct)).SingleOrDefault();
    }

    private static Results<TOk, NotFound, ProblemHttpResult, ValidationProblem> Failure<TOk>(SaveListeningQuery.Outcome outcome)
        where TOk : IResult =>
        outcome.NotFound ? TypedResults.NotFound()
        : outcome.ExpressionError is { } error ? QueryProblem.Of(error)
        : outcome.RoleError is { } roleError ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [roleError] })
        : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [outcome.NameError ?? "invalid"] });
}
