using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tertulia.Access;
using Tertulia.Publishing.Score;
using Tertulia.Storage;
using Tertulia.Web;

namespace Tertulia.Publishing;

/// <summary>
/// /api/workspaces/{id}/publishing: preview while composing, drafts (agents), approval (admins), the calendar and
/// the workspace's publishing settings. Warnings and refusals come in the caller's language, with their key.
/// </summary>
public static class PublishingApi
{
    public sealed record NoticeDto(string Key, string Text);

    public sealed record ReasonDto(string Feature, int Points, string Text);

    public sealed record PreviewDto(int Score, bool Promotional, IReadOnlyList<ReasonDto> Reasons, IReadOnlyList<ComposePreview.ChannelPreview> Channels,
        IReadOnlyList<NoticeDto> Warnings, NoticeDto? Refusal, DateTimeOffset At);

    public sealed record CreatedDto(long Id);

    public sealed record StateDto(string State);

    public sealed record SettingsDto(string TimeZone, int MaxPostsPerDay, int PromotionalOneIn, string? BrandNames);

    public static IEndpointRouteBuilder MapPublishingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workspaces/{workspaceId:int}/publishing").WithTags("Publishing");
        var read = group.MapGroup("").RequireWorkspaceRole(WorkspaceRole.Viewer);
        var agent = group.MapGroup("").RequireWorkspaceRole(WorkspaceRole.Agent);
        var admin = group.MapGroup("").RequireWorkspaceRole(WorkspaceRole.Admin);

        agent.MapPost("/preview", async Task<Results<Ok<PreviewDto>, NotFound>> (
            int workspaceId, ComposePreview.Request request, ComposePreview preview, IStringLocalizer<UiText> text, CancellationToken ct) =>
            await preview.HandleAsync(workspaceId, request, ct) is { } result ? TypedResults.Ok(Dto(result, text)) : TypedResults.NotFound());

        agent.MapPost("/publications", async Task<Results<Created<CreatedDto>, NotFound, ProblemHttpResult>> (
            int workspaceId, DraftPublication.Request request, ClaimsPrincipal user, DraftPublication drafts, CancellationToken ct) =>
        {
            var outcome = await drafts.CreateAsync(workspaceId, user.UserId(), request, ct);
            return outcome.NotFound ? TypedResults.NotFound()
                : outcome.Error is not null ? Refused("The draft was not saved", outcome.Error)
                : TypedResults.Created($"/api/workspaces/{workspaceId}/publishing/publications/{outcome.PublicationId}", new CreatedDto(outcome.PublicationId!.Value));
        });

        agent.MapPut("/publications/{publicationId:long}", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (
            int workspaceId, long publicationId, DraftPublication.Request request, ClaimsPrincipal user, DraftPublication drafts, CancellationToken ct) =>
        {
            var outcome = await drafts.UpdateAsync(workspaceId, publicationId, user.UserId(), request, ct);
            return outcome.NotFound ? TypedResults.NotFound()
                : outcome.Error is not null ? Refused("The draft was not saved", outcome.Error)
                : TypedResults.NoContent();
        });

        agent.MapPost("/publications/{publicationId:long}/submit", (int workspaceId, long publicationId, ClaimsPrincipal user,
                ReviewPublication review, IStringLocalizer<UiText> text, CancellationToken ct) =>
            Moved(review.SubmitAsync(workspaceId, publicationId, user.UserId(), ct), text));

        admin.MapPost("/publications/{publicationId:long}/approve", (int workspaceId, long publicationId, ClaimsPrincipal user,
                ReviewPublication review, IStringLocalizer<UiText> text, CancellationToken ct) =>
            Moved(review.ApproveAsync(workspaceId, publicationId, user.UserId(), ct), text));

        admin.MapPost("/publications/{publicationId:long}/send-back", (int workspaceId, long publicationId,
                ReviewPublication review, IStringLocalizer<UiText> text, CancellationToken ct) =>
            Moved(review.SendBackAsync(workspaceId, publicationId, ct), text));

        admin.MapPost("/publications/{publicationId:long}/cancel", (int workspaceId, long publicationId,
                ReviewPublication review, IStringLocalizer<UiText> text, CancellationToken ct) =>
            Moved(review.CancelAsync(workspaceId, publicationId, ct), text));

        read.MapGet("/calendar", async Task<Results<Ok<PublicationCalendar.View>, NotFound, ProblemHttpResult>> (
            int workspaceId, string? view, string? date, PublicationCalendar calendar, WorkspaceClock clock, TimeProvider time, CancellationToken ct) =>
        {
            DateOnly day;
            if (date is null)
            {
                var settings = await clock.SettingsAsync(workspaceId, ct);
                day = WorkspaceClock.DateOf(time.GetUtcNow(), WorkspaceClock.Zone(settings.TimeZone));
            }
            else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                return Refused("Not a date", "date must be yyyy-MM-dd.");
            }
            return await calendar.ForAsync(workspaceId, view == "month" ? "month" : "week", day, ct) is { } result
                ? TypedResults.Ok(result) : TypedResults.NotFound();
        });

        read.MapGet("/settings", async Task<Results<Ok<SettingsDto>, NotFound>> (int workspaceId, WorkspaceClock clock, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            var s = await clock.SettingsAsync(workspaceId, ct);
            return TypedResults.Ok(new SettingsDto(s.TimeZone, s.MaxPostsPerDay, s.PromotionalOneIn, s.BrandNames));
        });

        admin.MapPut("/settings", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (
            int workspaceId, SettingsDto request, IDbContextFactory<TertuliaDb> dbs, WriteGate writeGate, CancellationToken ct) =>
        {
            if (!WorkspaceClock.IsZone(request.TimeZone ?? ""))
            {
                return Refused("Settings not saved", $"'{request.TimeZone}' is not a time zone (e.g. Europe/Madrid, Atlantic/Canary).");
            }
            if (request.MaxPostsPerDay is < 1 or > 50 || request.PromotionalOneIn is < 1 or > 50)
            {
                return Refused("Settings not saved", "Posts a day and the promotional share (1 in N) must be between 1 and 50.");
            }
            if (request.BrandNames is { Length: > PublishingSettings.BrandNamesLength })
            {
                return Refused("Settings not saved", $"Brand names have at most {PublishingSettings.BrandNamesLength} characters.");
            }
            await using var db = await dbs.CreateDbContextAsync(ct);
            using (await writeGate.EnterAsync(ct))
            {
                var row = await db.PublishingSettings.SingleOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
                if (row is null)
                {
                    row = new PublishingSettings { WorkspaceId = workspaceId };
                    db.PublishingSettings.Add(row);
                }
                row.TimeZone = request.TimeZone!;
                row.MaxPostsPerDay = request.MaxPostsPerDay;
                row.PromotionalOneIn = request.PromotionalOneIn;
                row.BrandNames = string.IsNullOrWhiteSpace(request.BrandNames) ? null : request.BrandNames.Trim();
                await db.SaveChangesAsync(ct);
            }
            return TypedResults.NoContent();
        });
        return app;
    }

    public static string Render(PublishingRules.Notice notice, IStringLocalizer<UiText> text) =>
        string.Format(CultureInfo.CurrentCulture, text[notice.Key].Value, notice.Args);

    public static string ReasonText(ValueModel.Reason reason, IStringLocalizer<UiText> text) => text["Publishing.Reason." + reason.Feature].Value;

    private static PreviewDto Dto(ComposePreview.Result r, IStringLocalizer<UiText> text) => new(
        r.Score, r.Promotional, r.Reasons.Select(x => new ReasonDto(x.Feature, x.Points, ReasonText(x, text))).ToList(), r.Channels,
        r.Warnings.Select(w => new NoticeDto(w.Key, Render(w, text))).ToList(),
        r.Refusal is { } refusal ? new NoticeDto(refusal.Key, Render(refusal, text)) : null, r.At);

    private static async Task<Results<Ok<StateDto>, NotFound, ProblemHttpResult>> Moved(Task<ReviewPublication.Outcome> move, IStringLocalizer<UiText> text)
    {
        var outcome = await move;
        return outcome.NotFound ? TypedResults.NotFound()
            : outcome.Refusal is { } refusal ? TypedResults.Problem(title: text["Publishing.Refused"].Value, detail: Render(refusal, text),
                statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["key"] = refusal.Key })
            : outcome.Error is not null ? Refused("Nothing changed", outcome.Error)
            : TypedResults.Ok(new StateDto(outcome.State!.Value.ToString()));
    }

    private static ProblemHttpResult Refused(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
