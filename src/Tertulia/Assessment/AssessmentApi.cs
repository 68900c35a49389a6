using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tertulia.Access;
using Tertulia.Storage;
using Tertulia.Web;

namespace Tertulia.Assessment;

/// <summary>The readiness check's REST API: questions, evidence, attempts (with their PDF) and clients' links.</summary>
public static class AssessmentApi
{
    public sealed record TakeRequest(Dictionary<string, string[]>? Answers, string? Language);
    public sealed record AttemptView(
        int Id, DateTimeOffset TakenAt, string? Respondent, string Language, IReadOnlyDictionary<string, IReadOnlyList<string>> Answers,
        ReadinessEvidence Evidence, ReadinessResult Result, int? PreviousId, IReadOnlyDictionary<string, int?> Changes);
    public sealed record LinkRequest(string? Label);
    public sealed record LinkView(int Id, string Label, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, int Uses, string? Url = null);

    public static IEndpointRouteBuilder MapAssessmentApi(this IEndpointRouteBuilder app)
    {
        var readiness = app.MapGroup("/api/workspaces/{workspaceId:int}/readiness").WithTags("Readiness check");
        var read = readiness.MapGroup("").RequireWorkspaceRole(WorkspaceRole.Viewer);
        var take = readiness.MapGroup("").RequireWorkspaceRole(WorkspaceRole.Agent);
        var admin = readiness.MapGroup("").RequireWorkspaceRole(WorkspaceRole.Admin);

        read.MapGet("/questions", (Questionnaire questionnaire) => TypedResults.Ok(questionnaire)).WithName("ReadinessQuestions");

        read.MapGet("/evidence", async Task<Results<Ok<ReadinessEvidence>, NotFound>> (int workspaceId, IDbContextFactory<TertuliaDb> dbs, GatherEvidence evidence, CancellationToken ct) =>
            await ExistsAsync(dbs, workspaceId, ct) ? TypedResults.Ok(await evidence.HandleAsync(workspaceId, ct)) : TypedResults.NotFound())
            .WithName("ReadinessEvidence");

        read.MapGet("/checks", async Task<Results<Ok<List<AttemptView>>, NotFound>> (int workspaceId, IDbContextFactory<TertuliaDb> dbs, ReadinessHistory history, CancellationToken ct) =>
            await ExistsAsync(dbs, workspaceId, ct) ? TypedResults.Ok((await history.ListAsync(workspaceId, ct)).Select(View).ToList()) : TypedResults.NotFound())
            .WithName("ListReadinessChecks");

        take.MapPost("/checks", async Task<Results<Created<AttemptView>, NotFound, ProblemHttpResult>> (
            int workspaceId, TakeRequest request, ClaimsPrincipal user, TakeReadinessCheck takeCheck, ReadinessHistory history, CancellationToken ct) =>
        {
            var answers = (request.Answers ?? []).ToDictionary(a => a.Key, a => (IReadOnlyList<string>)(a.Value ?? []));
            var language = request.Language ?? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            var outcome = await takeCheck.HandleAsync(workspaceId, user.UserId(), null,
                new TakeReadinessCheck.Request(answers, language, user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name), ct);
            if (outcome.NotFound)
            {
                return TypedResults.NotFound();
            }
            if (outcome.Error is not null)
            {
                return TypedResults.Problem(title: "The answers were not recorded", detail: outcome.Error, statusCode: StatusCodes.Status400BadRequest);
            }
            var attempt = await history.LoadAsync(workspaceId, outcome.Check!.Id, ct);
            return TypedResults.Created($"/api/workspaces/{workspaceId}/readiness/checks/{outcome.Check.Id}", View(attempt!));
        }).WithName("TakeReadinessCheck");

        read.MapGet("/checks/{checkId:int}", async Task<Results<Ok<AttemptView>, NotFound>> (int workspaceId, int checkId, ReadinessHistory history, CancellationToken ct) =>
            await history.LoadAsync(workspaceId, checkId, ct) is { } attempt ? TypedResults.Ok(View(attempt)) : TypedResults.NotFound())
            .WithName("GetReadinessCheck");

        read.MapGet("/checks/{checkId:int}/pdf", async Task<Results<FileContentHttpResult, NotFound>> (
            int workspaceId, int checkId, ReadinessHistory history, ReadinessPdf pdf, Questionnaire questionnaire,
            IStringLocalizer<UiText> t, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            var attempt = await history.LoadAsync(workspaceId, checkId, ct);
            if (attempt is null)
            {
                return TypedResults.NotFound();
            }
            await using var db = await dbs.CreateDbContextAsync(ct);
            var name = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Name).SingleAsync(ct);
            var bytes = pdf.Render(name, attempt, new ReadinessText(t, questionnaire));
            return TypedResults.File(bytes, "application/pdf", $"readiness-{attempt.Check.TakenAt:yyyy-MM-dd}-{checkId}.pdf");
        }).WithName("ReadinessCheckPdf");

        admin.MapGet("/links", async Task<Results<Ok<List<LinkView>>, NotFound>> (int workspaceId, IDbContextFactory<TertuliaDb> dbs, ReadinessLinks links, CancellationToken ct) =>
            await ExistsAsync(dbs, workspaceId, ct) ? TypedResults.Ok((await links.ListAsync(workspaceId, ct)).Select(l => View(l)).ToList()) : TypedResults.NotFound())
            .WithName("ListReadinessLinks");

        admin.MapPost("/links", async Task<Results<Created<LinkView>, NotFound, ProblemHttpResult>> (
            int workspaceId, LinkRequest request, ClaimsPrincipal user, ReadinessLinks links, HttpContext http, CancellationToken ct) =>
        {
            var created = await links.CreateAsync(workspaceId, request.Label, user.UserId(), ct);
            return created.NotFound ? TypedResults.NotFound()
                : created.Error is not null ? TypedResults.Problem(title: "The link was not created", detail: created.Error, statusCode: StatusCodes.Status400BadRequest)
                : TypedResults.Created($"/api/workspaces/{workspaceId}/readiness/links/{created.Link!.Id}",
                    View(created.Link, $"{http.Request.Scheme}://{http.Request.Host}{LinkPath(created.Secret!)}"));
        }).WithName("CreateReadinessLink");

        admin.MapDelete("/links/{linkId:int}", async Task<Results<NoContent, NotFound>> (int workspaceId, int linkId, ReadinessLinks links, CancellationToken ct) =>
            await links.RevokeAsync(workspaceId, linkId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("RevokeReadinessLink");

        return app;
    }

    /// <summary>Where a client opens the check from an agency's link (no account).</summary>
    public static string LinkPath(string secret) => $"/check/{secret}";

    public static AttemptView View(ReadinessAttempt a) => new(
        a.Check.Id, a.Check.TakenAt, a.Check.Respondent, a.Check.Language, a.Answers, a.Evidence, a.Result, a.Previous?.Check.Id,
        a.Result.Dimensions.ToDictionary(d => d.Key, d => a.Change(d.Key)));

    private static LinkView View(ReadinessLink l, string? url = null) => new(l.Id, l.Label, l.CreatedAt, l.ExpiresAt, l.RevokedAt, l.Uses, url);

    private static async Task<bool> ExistsAsync(IDbContextFactory<TertuliaDb> dbs, int workspaceId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct);
    }
}
