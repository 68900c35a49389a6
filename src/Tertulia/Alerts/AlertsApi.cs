using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Alerts.Incidents;
using Tertulia.Alerts.Notifications;
using Tertulia.Alerts.Rules;
using Tertulia.Channels.Network;
using Tertulia.Channels.Webhooks;
using Tertulia.Storage;

namespace Tertulia.Alerts;

/// <summary>/api/workspaces/{id}/alerts and …/incidents: rules with their preview, incidents and the crisis room, webhooks, preferences; /api/alerts: the top bar.</summary>
public static class AlertsApi
{
    public sealed record RuleDto(int Id, string Name, string Kind, int? QueryId, bool Enabled, int MinCount, int Sensitivity, string? RiskTerms, DateTimeOffset UpdatedAt)
    {
        public static RuleDto From(AlertRule r) => new(r.Id, r.Name, r.Kind.ToString(), r.QueryId, r.Enabled, r.MinCount, r.Sensitivity, r.RiskTerms, r.UpdatedAt);
    }

    public sealed record IncidentDto(long Id, string Title, string Status, int Level, int Size, int PeakObserved, double PeakExpected, int WindowHours,
        DateTimeOffset StartedAt, DateTimeOffset OpenedAt, DateTimeOffset LastSignalAt, DateTimeOffset? ClosedAt, DateTimeOffset? AcknowledgedAt,
        string? AssigneeId, int? QueryId, IReadOnlyList<int> RuleIds, string? HoldingStatement)
    {
        public static IncidentDto From(Incident i) => new(i.Id, i.Title, i.Status.ToString(), i.Level, i.Size, i.PeakObserved, Math.Round(i.PeakExpected, 2),
            i.WindowHours, i.StartedAt, i.OpenedAt, i.LastSignalAt, i.ClosedAt, i.AcknowledgedAt, i.AssigneeId, i.QueryId, i.Rules().ToList(), i.HoldingStatement);
    }

    public sealed record AssignRequest(string? AssigneeId);
    public sealed record StepRequest(bool? Done);
    public sealed record StatementRequest(string? Text);
    /// <param name="ChannelIds">Null or empty: every channel of the workspace that can post.</param>
    public sealed record PostStatementRequest(int[]? ChannelIds);
    public sealed record PostedDto(long PublicationId, bool AlreadyPosted);
    public sealed record WebhookRequest(string? Url);
    public sealed record WebhookDto(int Id, string Url, bool Enabled, DateTimeOffset CreatedAt, string? Secret);
    public sealed record PreferenceDto(bool InApp, bool Email, int MinLevel, int? QuietFromHour, int? QuietToHour, string TimeZone);

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        MapRules(app.MapGroup("/api/workspaces/{workspaceId:int}/alerts/rules").WithTags("Alerts"));
        MapIncidents(app.MapGroup("/api/workspaces/{workspaceId:int}/incidents").WithTags("Alerts"));
        MapDelivery(app.MapGroup("/api/workspaces/{workspaceId:int}/alerts").WithTags("Alerts"));

        // The top bar of every page: any signed-in person, their own notifications of the workspaces they belong to.
        app.MapGet("/api/alerts/unread", async (InAppAlerts inApp, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(await inApp.UnreadAsync(user.UserId() ?? "", ct))).WithTags("Alerts").WithName("UnreadAlerts").RequireAuthorization();
        app.MapPost("/api/alerts/read", async (InAppAlerts inApp, ClaimsPrincipal user, long? incidentId, CancellationToken ct) =>
        {
            await inApp.MarkReadAsync(user.UserId() ?? "", incidentId, ct);
            return TypedResults.NoContent();
        }).WithTags("Alerts").WithName("MarkAlertsRead").RequireAuthorization();
        return app;
    }

    private static void MapRules(RouteGroupBuilder group)
    {
        group.MapGet("/", async Task<Results<Ok<List<RuleDto>>, NotFound>> (int workspaceId, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rules = await db.AlertRules.AsNoTracking().Where(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Id).ToListAsync(ct);
            return TypedResults.Ok(rules.ConvertAll(RuleDto.From));
        }).WithName("ListAlertRules").RequireWorkspaceRole(WorkspaceRole.Viewer);

        group.MapGet("/{ruleId:int}", async Task<Results<Ok<RuleDto>, NotFound>> (int workspaceId, int ruleId, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rule = await db.AlertRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == ruleId && r.WorkspaceId == workspaceId, ct);
            return rule is null ? TypedResults.NotFound() : TypedResults.Ok(RuleDto.From(rule));
        }).WithName("GetAlertRule").RequireWorkspaceRole(WorkspaceRole.Viewer);

        group.MapPost("/", async Task<Results<Created<RuleDto>, NotFound, ValidationProblem>> (int workspaceId, SaveAlertRule.Request request, SaveAlertRule save, CancellationToken ct) =>
        {
            var outcome = await save.HandleAsync(workspaceId, null, request, ct);
            return outcome.Rule is { } rule ? TypedResults.Created($"/api/workspaces/{workspaceId}/alerts/rules/{rule.Id}", RuleDto.From(rule))
                : outcome.NotFound ? TypedResults.NotFound() : TypedResults.ValidationProblem(outcome.Errors!);
        }).WithName("CreateAlertRule").RequireWorkspaceRole(WorkspaceRole.Admin);

        group.MapPut("/{ruleId:int}", async Task<Results<Ok<RuleDto>, NotFound, ValidationProblem>> (int workspaceId, int ruleId, SaveAlertRule.Request request, SaveAlertRule save, CancellationToken ct) =>
        {
            var outcome = await save.HandleAsync(workspaceId, ruleId, request, ct);
            return outcome.Rule is { } rule ? TypedResults.Ok(RuleDto.From(rule))
                : outcome.NotFound ? TypedResults.NotFound() : TypedResults.ValidationProblem(outcome.Errors!);
        }).WithName("UpdateAlertRule").RequireWorkspaceRole(WorkspaceRole.Admin);

        group.MapDelete("/{ruleId:int}", async Task<Results<NoContent, NotFound>> (int workspaceId, int ruleId, SaveAlertRule save, CancellationToken ct) =>
            await save.DeleteAsync(workspaceId, ruleId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("DeleteAlertRule").RequireWorkspaceRole(WorkspaceRole.Admin);

        // The live preview of a rule being written: when it would have fired over the last 30 days.
        group.MapPost("/preview", async Task<Results<Ok<PreviewAlertRule.Preview>, NotFound, ValidationProblem>> (
            int workspaceId, SaveAlertRule.Request request, PreviewAlertRule preview, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var (rule, errors) = SaveAlertRule.Validate(workspaceId, request with { Name = string.IsNullOrWhiteSpace(request.Name) ? "preview" : request.Name });
            if (request.QueryId is { } q && !await db.ListeningQueries.AnyAsync(x => x.Id == q && x.WorkspaceId == workspaceId, ct))
            {
                errors["queryId"] = ["unknown"];
            }
            return rule is null || errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await preview.HandleAsync(rule, ct));
        }).WithName("PreviewAlertRule").RequireWorkspaceRole(WorkspaceRole.Viewer);

        group.MapGet("/{ruleId:int}/preview", async Task<Results<Ok<PreviewAlertRule.Preview>, NotFound>> (
            int workspaceId, int ruleId, PreviewAlertRule preview, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rule = await db.AlertRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == ruleId && r.WorkspaceId == workspaceId, ct);
            return rule is null ? TypedResults.NotFound() : TypedResults.Ok(await preview.HandleAsync(rule, ct));
        }).WithName("PreviewSavedAlertRule").RequireWorkspaceRole(WorkspaceRole.Viewer);
    }

    private static void MapIncidents(RouteGroupBuilder group)
    {
        group.MapGet("/", async Task<Results<Ok<List<IncidentDto>>, NotFound>> (int workspaceId, bool? open, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var incidents = await db.Incidents.AsNoTracking()
                .Where(i => i.WorkspaceId == workspaceId && (open != true || i.ClosedAt == null))
                .OrderByDescending(i => i.OpenedAt).Take(200).ToListAsync(ct);
            return TypedResults.Ok(incidents.ConvertAll(IncidentDto.From));
        }).WithName("ListIncidents").RequireWorkspaceRole(WorkspaceRole.Viewer);

        group.MapGet("/{incidentId:long}", async Task<Results<Ok<CrisisRoom.View>, NotFound>> (int workspaceId, long incidentId, CrisisRoom room, CancellationToken ct) =>
            await room.LoadAsync(workspaceId, incidentId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("GetIncident").RequireWorkspaceRole(WorkspaceRole.Viewer);

        group.MapPost("/{incidentId:long}/acknowledge", async Task<Results<NoContent, NotFound, ValidationProblem>> (int workspaceId, long incidentId, IncidentActions actions, ClaimsPrincipal user, CancellationToken ct) =>
            Done(await actions.AcknowledgeAsync(workspaceId, incidentId, user.UserId() ?? "", ct), "incident"))
            .WithName("AcknowledgeIncident").RequireWorkspaceRole(WorkspaceRole.Agent);

        group.MapPost("/{incidentId:long}/assign", async Task<Results<NoContent, NotFound, ValidationProblem>> (int workspaceId, long incidentId, AssignRequest request, IncidentActions actions, ClaimsPrincipal user, CancellationToken ct) =>
            Done(await actions.AssignAsync(workspaceId, incidentId, user.UserId() ?? "", request.AssigneeId == "me" ? user.UserId() : request.AssigneeId, ct), "assigneeId"))
            .WithName("AssignIncident").RequireWorkspaceRole(WorkspaceRole.Agent);

        group.MapPost("/{incidentId:long}/resolve", async Task<Results<NoContent, NotFound, ValidationProblem>> (int workspaceId, long incidentId, IncidentActions actions, ClaimsPrincipal user, CancellationToken ct) =>
            Done(await actions.ResolveAsync(workspaceId, incidentId, user.UserId() ?? "", ct), "incident"))
            .WithName("ResolveIncident").RequireWorkspaceRole(WorkspaceRole.Agent);

        group.MapPost("/{incidentId:long}/steps/{step}", async Task<Results<NoContent, NotFound, ValidationProblem>> (int workspaceId, long incidentId, string step, StepRequest request, IncidentActions actions, ClaimsPrincipal user, CancellationToken ct) =>
            Done(await actions.StepAsync(workspaceId, incidentId, user.UserId() ?? "", step, request.Done ?? true, ct), "step"))
            .WithName("IncidentStep").RequireWorkspaceRole(WorkspaceRole.Agent);

        group.MapPut("/{incidentId:long}/statement", async Task<Results<NoContent, NotFound, ValidationProblem>> (int workspaceId, long incidentId, StatementRequest request, IncidentActions actions, ClaimsPrincipal user, CancellationToken ct) =>
            Done(await actions.StatementAsync(workspaceId, incidentId, user.UserId() ?? "", request.Text, ct), "text"))
            .WithName("IncidentStatement").RequireWorkspaceRole(WorkspaceRole.Agent);

        // Posting in the brand's name is an admin's call, as approving a publication is.
        group.MapPost("/{incidentId:long}/statement/post", async Task<Results<Ok<PostedDto>, NotFound, ProblemHttpResult>> (
            int workspaceId, long incidentId, PostStatementRequest? request, PostStatement post, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var outcome = await post.HandleAsync(workspaceId, incidentId, user.UserId() ?? "", request?.ChannelIds is { Length: > 0 } ids ? ids : null, ct);
            if (outcome.NotFound)
            {
                return TypedResults.NotFound();
            }
            return outcome.PublicationId is { } id
                ? TypedResults.Ok(new PostedDto(id, outcome.AlreadyPosted))
                : TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status422UnprocessableEntity);
        }).WithName("PostIncidentStatement").RequireWorkspaceRole(WorkspaceRole.Admin);
    }

    private static void MapDelivery(RouteGroupBuilder group)
    {
        group.MapGet("/webhooks", async (int workspaceId, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var hooks = await db.AlertWebhooks.AsNoTracking().Where(w => w.WorkspaceId == workspaceId).OrderBy(w => w.Id).ToListAsync(ct);
            return TypedResults.Ok(hooks.ConvertAll(w => new WebhookDto(w.Id, w.Url, w.Enabled, w.CreatedAt, null)));
        }).WithName("ListAlertWebhooks").RequireWorkspaceRole(WorkspaceRole.Admin);

        // The secret is shown once, at creation: the receiver checks X-Tertulia-Signature with it.
        group.MapPost("/webhooks", async Task<Results<Created<WebhookDto>, ValidationProblem>> (int workspaceId, WebhookRequest request, IDbContextFactory<TertuliaDb> dbs, WriteGate gate, TimeProvider clock, CancellationToken ct) =>
        {
            if (!Uri.TryCreate(request.Url?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.AbsoluteUri.Length > 2048)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["url"] = ["An absolute http(s) address, at most 2048 characters."] });
            }
            await using var db = await dbs.CreateDbContextAsync(ct);
            var hook = new AlertWebhook { WorkspaceId = workspaceId, Url = url.AbsoluteUri, Secret = WebhookSignature.NewSecret(), CreatedAt = clock.GetUtcNow() };
            using (await gate.EnterAsync(ct))
            {
                db.AlertWebhooks.Add(hook);
                await db.SaveChangesAsync(ct);
            }
            return TypedResults.Created($"/api/workspaces/{workspaceId}/alerts/webhooks/{hook.Id}", new WebhookDto(hook.Id, hook.Url, hook.Enabled, hook.CreatedAt, hook.Secret));
        }).WithName("CreateAlertWebhook").RequireWorkspaceRole(WorkspaceRole.Admin);

        group.MapDelete("/webhooks/{webhookId:int}", async Task<Results<NoContent, NotFound>> (int workspaceId, int webhookId, IDbContextFactory<TertuliaDb> dbs, WriteGate gate, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            using (await gate.EnterAsync(ct))
            {
                return await db.AlertWebhooks.Where(w => w.Id == webhookId && w.WorkspaceId == workspaceId).ExecuteDeleteAsync(ct) > 0 ? TypedResults.NoContent() : TypedResults.NotFound();
            }
        }).WithName("DeleteAlertWebhook").RequireWorkspaceRole(WorkspaceRole.Admin);

        // Each person's own choices: any member may read and set theirs.
        group.MapGet("/preferences", async (int workspaceId, IDbContextFactory<TertuliaDb> dbs, ClaimsPrincipal user, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var userId = user.UserId() ?? "";
            var p = await db.AlertPreferences.AsNoTracking().SingleOrDefaultAsync(x => x.WorkspaceId == workspaceId && x.UserId == userId, ct)
                ?? new AlertPreference { WorkspaceId = workspaceId, UserId = userId };
            return TypedResults.Ok(new PreferenceDto(p.InApp, p.Email, p.MinLevel, p.QuietFromHour, p.QuietToHour, p.TimeZone));
        }).WithName("GetAlertPreferences").RequireWorkspaceRole(WorkspaceRole.Viewer);

        group.MapPut("/preferences", async Task<Results<Ok<PreferenceDto>, ValidationProblem>> (int workspaceId, PreferenceDto request, AlertPreferences preferences, ClaimsPrincipal user, CancellationToken ct) =>
            await preferences.SaveAsync(workspaceId, user.UserId() ?? "", request, ct) is { } error
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [error] = ["invalid"] })
                : TypedResults.Ok(request)).WithName("SetAlertPreferences").RequireWorkspaceRole(WorkspaceRole.Viewer);
    }

    private static Results<NoContent, NotFound, ValidationProblem> Done(IncidentActions.Result result, string field) => result switch
    {
        IncidentActions.Result.Done => TypedResults.NoContent(),
        IncidentActions.Result.NotFound => TypedResults.NotFound(),
        _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = ["invalid"] }),
    };
}
