using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Tertulia.Access;
using Tertulia.Ideas.PublicBoard;

namespace Tertulia.Ideas;

/// <summary>The ideas board's REST API: ideas and their suggestions, what people do to them, templates, the public page's settings.</summary>
public static class IdeasApi
{
    public sealed record TitleRequest(string? Title);
    public sealed record PublicRequest(bool IsPublic);
    public sealed record MergeRequest(int OtherIdeaId);
    public sealed record SplitRequest(IReadOnlyList<long> SuggestionIds, string? Title = null);
    public sealed record TemplateRequest(IdeaStatus Status, string Language, string? Text);
    public sealed record Split(int IdeaId);

    public static IEndpointRouteBuilder MapIdeasApi(this IEndpointRouteBuilder app)
    {
        var ideas = app.MapGroup("/api/workspaces/{workspaceId:int}/ideas").WithTags("Ideas");
        var read = ideas.MapGroup("").RequireWorkspaceRole(WorkspaceRole.Viewer);
        var act = ideas.MapGroup("").RequireWorkspaceRole(WorkspaceRole.Agent);
        var admin = ideas.MapGroup("").RequireWorkspaceRole(WorkspaceRole.Admin);

        read.MapGet("", async Task<Results<Ok<List<IdeaSummary>>, ProblemHttpResult>> (int workspaceId, string? status, IdeaBoardQueries board, CancellationToken ct) =>
        {
            IdeaStatus? wanted = null;
            if (status is not null)
            {
                if (!Enum.TryParse<IdeaStatus>(status, true, out var s) || !Enum.IsDefined(s) || int.TryParse(status, out _))
                {
                    return Refused("Invalid filter", "status: new|underReview|planned|done|declined.");
                }
                wanted = s;
            }
            return TypedResults.Ok(await board.ListAsync(workspaceId, wanted, ct));
        }).WithName("ListIdeas");

        read.MapGet("/{ideaId:int}", async Task<Results<Ok<IdeaView>, NotFound>> (int workspaceId, int ideaId, IdeaBoardQueries board, CancellationToken ct) =>
            await board.LoadAsync(workspaceId, ideaId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("GetIdea");

        act.MapPost("/{ideaId:int}/title", (int workspaceId, int ideaId, TitleRequest request, IdeaActions actions, CancellationToken ct) =>
            Done(actions.RenameAsync(workspaceId, ideaId, request.Title, ct))).WithName("RenameIdea");

        act.MapPost("/{ideaId:int}/public", (int workspaceId, int ideaId, PublicRequest request, IdeaActions actions, CancellationToken ct) =>
            Done(actions.PublishAsync(workspaceId, ideaId, request.IsPublic, ct))).WithName("PublishIdea");

        act.MapPost("/{ideaId:int}/merge", (int workspaceId, int ideaId, MergeRequest request, IdeaActions actions, CancellationToken ct) =>
            Done(actions.MergeAsync(workspaceId, ideaId, request.OtherIdeaId, ct))).WithName("MergeIdeas");

        act.MapPost("/{ideaId:int}/split", async Task<Results<Created<Split>, NotFound, ProblemHttpResult>> (
            int workspaceId, int ideaId, SplitRequest request, IdeaActions actions, CancellationToken ct) =>
        {
            var outcome = await actions.SplitAsync(workspaceId, ideaId, request.SuggestionIds ?? [], request.Title, ct);
            return outcome.NotFound ? TypedResults.NotFound()
                : outcome.Error is not null ? Refused("Nothing changed", outcome.Error)
                : TypedResults.Created($"/api/workspaces/{workspaceId}/ideas/{outcome.IdeaId}", new Split(outcome.IdeaId!.Value));
        }).WithName("SplitIdea");

        act.MapPost("/{ideaId:int}/status", async Task<Results<Ok<ChangeIdeaStatus.Outcome>, NotFound, ProblemHttpResult>> (
            int workspaceId, int ideaId, ChangeIdeaStatus.Request request, ClaimsPrincipal user, ChangeIdeaStatus change, CancellationToken ct) =>
        {
            var outcome = await change.HandleAsync(workspaceId, ideaId, user.UserId(), request, ct);
            return outcome.NotFound ? TypedResults.NotFound()
                : outcome.Error is not null ? Refused("Status not changed", outcome.Error)
                : TypedResults.Ok(outcome);
        }).WithName("SetIdeaStatus");

        read.MapGet("/templates", async (int workspaceId, IdeaTemplates templates, CancellationToken ct) =>
            TypedResults.Ok(await templates.ListAsync(workspaceId, ct))).WithName("IdeaTemplates");

        admin.MapPut("/templates", async Task<Results<NoContent, ProblemHttpResult>> (int workspaceId, TemplateRequest request, IdeaTemplates templates, CancellationToken ct) =>
            await templates.SaveAsync(workspaceId, request.Status, request.Language, request.Text, ct) is { } error
                ? Refused("Template not saved", error)
                : TypedResults.NoContent()).WithName("SaveIdeaTemplate");

        read.MapGet("/board", async (int workspaceId, BoardSettings settings, CancellationToken ct) =>
            TypedResults.Ok(await settings.GetAsync(workspaceId, ct))).WithName("IdeaBoardSettings");

        admin.MapPut("/board", async Task<Results<Ok<IdeaBoard>, NotFound>> (int workspaceId, BoardSettings.Request request, BoardSettings settings, CancellationToken ct) =>
            await settings.SaveAsync(workspaceId, request, ct) is { } board ? TypedResults.Ok(board) : TypedResults.NotFound())
            .WithName("SaveIdeaBoardSettings");

        return app;
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Done(Task<IdeaActions.Outcome> action)
    {
        var outcome = await action;
        return outcome.NotFound ? TypedResults.NotFound()
            : outcome.Error is not null ? Refused("Nothing changed", outcome.Error)
            : TypedResults.NoContent();
    }

    private static ProblemHttpResult Refused(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
