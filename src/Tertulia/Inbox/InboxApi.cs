using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Storage;

namespace Tertulia.Inbox;

/// <summary>The inbox's REST API: the list, a conversation, what agents do to it, answers, canned responses, SLA and metrics.</summary>
public static class InboxApi
{
    public sealed record StatusRequest(ConversationStatus Status, DateTimeOffset? SnoozeUntil = null);
    /// <summary><paramref name="AssigneeId"/> "me" is the caller; both null unassigns.</summary>
    public sealed record AssignRequest(string? AssigneeId, int? TeamId = null);
    public sealed record PriorityRequest(ConversationPriority Priority);
    public sealed record LabelRequest(string Label);
    public sealed record NoteRequest(string Text);
    /// <summary>The text, or a canned response filled for this conversation.</summary>
    public sealed record ReplyRequest(string? Text, int? CannedResponseId = null);
    public sealed record ReplyQueued(long ReplyId);
    public sealed record CannedRequest(string Shortcut, string Text);
    public sealed record FilledCanned(int Id, string Text);
    public sealed record SettingsDto(int? FirstResponseMinutes, int? ResolutionMinutes);
    public sealed record TeamRequest(string Name);

    public static IEndpointRouteBuilder MapInboxApi(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/workspaces/{workspaceId:int}/inbox").WithTags("Inbox");
        var read = inbox.MapGroup("").RequireWorkspaceRole(WorkspaceRole.Viewer);
        var act = inbox.MapGroup("").RequireWorkspaceRole(WorkspaceRole.Agent);
        var admin = inbox.MapGroup("").RequireWorkspaceRole(WorkspaceRole.Admin);

        read.MapGet("/conversations", async Task<Results<Ok<InboxPage>, NotFound, ProblemHttpResult>> (
            int workspaceId, string? view, string? status, string? assignee, int? teamId, string? label, string? priority,
            string? cursor, int? pageSize, ClaimsPrincipal user, InboxList list, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            if (!TryParse(view, InboxView.All, out var v) || !TryParseStatus(status, out var s) || !TryParse(priority, (ConversationPriority?)null, out var p))
            {
                return TypedResults.Problem(title: "Invalid filter",
                    detail: "view: all|mine|unassigned; status: open|pending|resolved|snoozed|all; priority: none|low|medium|high|urgent.",
                    statusCode: StatusCodes.Status400BadRequest);
            }
            if (!await WorkspaceExistsAsync(dbs, workspaceId, ct))
            {
                return TypedResults.NotFound();
            }
            var assigneeId = assignee == "me" ? user.UserId() ?? "" : assignee;
            return TypedResults.Ok(await list.QueryAsync(workspaceId, user.UserId(),
                new InboxFilter(v, s, assigneeId, teamId, label, p, cursor, pageSize ?? 25), ct));
        }).WithName("ListConversations");

        read.MapGet("/conversations/{conversationId:long}", async Task<Results<Ok<ConversationView>, NotFound>> (
            int workspaceId, long conversationId, ConversationDetail detail, CancellationToken ct) =>
            await detail.LoadAsync(workspaceId, conversationId, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound())
            .WithName("GetConversation");

        act.MapPost("/conversations/{conversationId:long}/status", (int workspaceId, long conversationId, StatusRequest request,
                ClaimsPrincipal user, ConversationActions actions, CancellationToken ct) =>
            Done(actions.SetStatusAsync(workspaceId, conversationId, user.UserId(), request.Status, request.SnoozeUntil, ct)))
            .WithName("SetConversationStatus");

        act.MapPost("/conversations/{conversationId:long}/assign", (int workspaceId, long conversationId, AssignRequest request,
                ClaimsPrincipal user, ConversationActions actions, CancellationToken ct) =>
            Done(actions.AssignAsync(workspaceId, conversationId, user.UserId(),
                request.AssigneeId == "me" ? user.UserId() ?? "" : request.AssigneeId, request.TeamId, ct)))
            .WithName("AssignConversation");

        act.MapPost("/conversations/{conversationId:long}/priority", (int workspaceId, long conversationId, PriorityRequest request,
                ClaimsPrincipal user, ConversationActions actions, CancellationToken ct) =>
            Done(actions.SetPriorityAsync(workspaceId, conversationId, user.UserId(), request.Priority, ct)))
            .WithName("SetConversationPriority");

        act.MapPost("/conversations/{conversationId:long}/labels", (int workspaceId, long conversationId, LabelRequest request,
                ClaimsPrincipal user, ConversationActions actions, CancellationToken ct) =>
            Done(actions.AddLabelAsync(workspaceId, conversationId, user.UserId(), request.Label, ct)))
            .WithName("AddConversationLabel");

        act.MapDelete("/conversations/{conversationId:long}/labels/{label}", (int workspaceId, long conversationId, string label,
                ClaimsPrincipal user, ConversationActions actions, CancellationToken ct) =>
            Done(actions.RemoveLabelAsync(workspaceId, conversationId, user.UserId(), label, ct)))
            .WithName("RemoveConversationLabel");

        act.MapPost("/conversations/{conversationId:long}/notes", (int workspaceId, long conversationId, NoteRequest request,
                ClaimsPrincipal user, ConversationActions actions, CancellationToken ct) =>
            Done(actions.AddNoteAsync(workspaceId, conversationId, user.UserId(), request.Text, ct)))
            .WithName("AddConversationNote");

        act.MapPost("/conversations/{conversationId:long}/replies", async Task<Results<Accepted<ReplyQueued>, NotFound, ProblemHttpResult>> (
            int workspaceId, long conversationId, ReplyRequest request, ClaimsPrincipal user,
            SendReply send, CannedResponses canned, CancellationToken ct) =>
        {
            var text = request.Text;
            if (request.CannedResponseId is { } cannedId)
            {
                text = await canned.FillAsync(workspaceId, cannedId, conversationId, ct);
                if (text is null)
                {
                    return TypedResults.NotFound();
                }
            }
            var outcome = await send.HandleAsync(workspaceId, conversationId, user.UserId(), text, ct);
            return outcome.NotFound ? TypedResults.NotFound()
                : outcome.Error is not null ? Refused("The answer was not recorded", outcome.Error)
                : TypedResults.Accepted($"/api/workspaces/{workspaceId}/inbox/conversations/{conversationId}", new ReplyQueued(outcome.ReplyId!.Value));
        }).WithName("ReplyToConversation");

        act.MapPost("/conversations/{conversationId:long}/replies/{replyId:long}/retry", async Task<Results<Accepted<ReplyQueued>, NotFound, ProblemHttpResult>> (
            int workspaceId, long conversationId, long replyId, ClaimsPrincipal user, SendReply send, CancellationToken ct) =>
        {
            var outcome = await send.RetryAsync(workspaceId, conversationId, replyId, user.UserId(), ct);
            return outcome.NotFound ? TypedResults.NotFound()
                : outcome.Error is not null ? Refused("The answer cannot be retried", outcome.Error)
                : TypedResults.Accepted($"/api/workspaces/{workspaceId}/inbox/conversations/{conversationId}", new ReplyQueued(replyId));
        }).WithName("RetryReply");

        read.MapGet("/conversations/{conversationId:long}/canned/{cannedId:int}", async Task<Results<Ok<FilledCanned>, NotFound>> (
            int workspaceId, long conversationId, int cannedId, CannedResponses canned, CancellationToken ct) =>
            await canned.FillAsync(workspaceId, cannedId, conversationId, ct) is { } text
                ? TypedResults.Ok(new FilledCanned(cannedId, text))
                : TypedResults.NotFound())
            .WithName("FillCannedResponse");

        read.MapGet("/canned", async (int workspaceId, CannedResponses canned, CancellationToken ct) =>
            TypedResults.Ok(await canned.ListAsync(workspaceId, ct))).WithName("ListCannedResponses");

        admin.MapPost("/canned", async Task<Results<Created<CannedResponse>, NotFound, ProblemHttpResult>> (
            int workspaceId, CannedRequest request, CannedResponses canned, CancellationToken ct) =>
        {
            var outcome = await canned.SaveAsync(workspaceId, null, request.Shortcut, request.Text, ct);
            return outcome.NotFound ? TypedResults.NotFound()
                : outcome.Error is not null ? Refused("The canned response was not saved", outcome.Error)
                : TypedResults.Created($"/api/workspaces/{workspaceId}/inbox/canned/{outcome.Saved!.Id}", outcome.Saved);
        }).WithName("CreateCannedResponse");

        admin.MapPut("/canned/{cannedId:int}", async Task<Results<Ok<CannedResponse>, NotFound, ProblemHttpResult>> (
            int workspaceId, int cannedId, CannedRequest request, CannedResponses canned, CancellationToken ct) =>
        {
            var outcome = await canned.SaveAsync(workspaceId, cannedId, request.Shortcut, request.Text, ct);
            return outcome.NotFound ? TypedResults.NotFound()
                : outcome.Error is not null ? Refused("The canned response was not saved", outcome.Error)
                : TypedResults.Ok(outcome.Saved!);
        }).WithName("UpdateCannedResponse");

        admin.MapDelete("/canned/{cannedId:int}", async Task<Results<NoContent, NotFound>> (
            int workspaceId, int cannedId, CannedResponses canned, CancellationToken ct) =>
            await canned.DeleteAsync(workspaceId, cannedId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("DeleteCannedResponse");

        read.MapGet("/settings", async (int workspaceId, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var s = await db.InboxSettings.AsNoTracking().SingleOrDefaultAsync(x => x.WorkspaceId == workspaceId, ct);
            return TypedResults.Ok(new SettingsDto(s?.FirstResponseMinutes, s?.ResolutionMinutes));
        }).WithName("GetInboxSettings");

        admin.MapPut("/settings", async Task<Results<Ok<SettingsDto>, NotFound, ProblemHttpResult>> (
            int workspaceId, SettingsDto request, IDbContextFactory<TertuliaDb> dbs, WriteGate gate, CancellationToken ct) =>
        {
            if (request.FirstResponseMinutes is < 1 or > 525_600 || request.ResolutionMinutes is < 1 or > 525_600)
            {
                return Refused("The targets were not saved", "Targets are minutes between 1 and 525600 (a year), or null for none.");
            }
            await using var db = await dbs.CreateDbContextAsync(ct);
            using (await gate.EnterAsync(ct))
            {
                if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
                {
                    return TypedResults.NotFound();
                }
                var s = await db.InboxSettings.SingleOrDefaultAsync(x => x.WorkspaceId == workspaceId, ct);
                if (s is null)
                {
                    s = new InboxSettings { WorkspaceId = workspaceId };
                    db.InboxSettings.Add(s);
                }
                s.FirstResponseMinutes = request.FirstResponseMinutes;
                s.ResolutionMinutes = request.ResolutionMinutes;
                await db.SaveChangesAsync(ct);
            }
            return TypedResults.Ok(request);
        }).WithName("SetInboxSettings");

        read.MapGet("/teams", async (int workspaceId, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return TypedResults.Ok(await db.Teams.AsNoTracking().Where(t => t.WorkspaceId == workspaceId).OrderBy(t => t.Name).ToListAsync(ct));
        }).WithName("ListTeams");

        admin.MapPost("/teams", async Task<Results<Created<Team>, NotFound, ProblemHttpResult>> (
            int workspaceId, TeamRequest request, IDbContextFactory<TertuliaDb> dbs, WriteGate gate, CancellationToken ct) =>
        {
            var name = request.Name?.Trim() ?? "";
            if (name.Length is 0 or > 100)
            {
                return Refused("The team was not created", "A team's name has 1 to 100 characters.");
            }
            await using var db = await dbs.CreateDbContextAsync(ct);
            using (await gate.EnterAsync(ct))
            {
                if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
                {
                    return TypedResults.NotFound();
                }
                if (await db.Teams.AnyAsync(t => t.WorkspaceId == workspaceId && t.Name == name, ct))
                {
                    return Refused("The team was not created", $"There is a team called \"{name}\" already.");
                }
                var team = new Team { WorkspaceId = workspaceId, Name = name };
                db.Teams.Add(team);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/api/workspaces/{workspaceId}/inbox/teams/{team.Id}", team);
            }
        }).WithName("CreateTeam");

        read.MapGet("/metrics", async Task<Results<Ok<InboxMetrics.Report>, NotFound>> (
            int workspaceId, DateTimeOffset? from, DateTimeOffset? to, InboxMetrics metrics, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
            await WorkspaceExistsAsync(dbs, workspaceId, ct)
                ? TypedResults.Ok(await metrics.ForAsync(workspaceId, from, to, ct))
                : TypedResults.NotFound())
            .WithName("InboxMetrics");

        return app;
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Done(Task<ConversationActions.Outcome> action)
    {
        var outcome = await action;
        return outcome.NotFound ? TypedResults.NotFound()
            : outcome.Error is not null ? Refused("Nothing changed", outcome.Error)
            : TypedResults.NoContent();
    }

    private static ProblemHttpResult Refused(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static async Task<bool> WorkspaceExistsAsync(IDbContextFactory<TertuliaDb> dbs, int workspaceId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct);
    }

    private static bool TryParse<T>(string? value, T fallback, out T parsed)
    {
        parsed = fallback;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (Enum.TryParse(type, value, ignoreCase: true, out var result) && Enum.IsDefined(type, result!) && !int.TryParse(value, out _))
        {
            parsed = (T)result!;
            return true;
        }
        return false;
    }

    /// <summary>Open unless asked; "all" for every status.</summary>
    private static bool TryParseStatus(string? value, out ConversationStatus? status)
    {
        if (string.Equals(value, "all", StringComparison.OrdinalIgnoreCase))
        {
            status = null;
            return true;
        }
        return TryParse(value, (ConversationStatus?)ConversationStatus.Open, out status);
    }
}
