using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Storage;

namespace Tertulia.Insights.Delivery;

/// <summary>/api/workspaces/{id}/insights/report-schedules: who gets the management report by email, how often, and what was sent.</summary>
public static class ReportSchedulesApi
{
    public sealed record ScheduleDto(int Id, List<string> Recipients, string Cadence, string Language, bool Enabled, DateTimeOffset NextRunAt, DateTimeOffset CreatedAt)
    {
        public static ScheduleDto From(ReportSchedule s) =>
            new(s.Id, ReportRecipients.Of(s), s.Cadence.ToString().ToLowerInvariant(), s.Language, s.Enabled, s.NextRunAt, s.CreatedAt);
    }

    public sealed record DeliveryDto(long Id, int ScheduleId, DateOnly PeriodFrom, DateOnly PeriodTo, string Trigger, string Recipient, string State,
        int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? Error)
    {
        public static DeliveryDto From(ReportDelivery d) => new(d.Id, d.ScheduleId, d.PeriodFrom, d.PeriodTo, d.Trigger.StartsWith("manual:") ? "manual" : d.Trigger,
            d.Recipient, d.State.ToString().ToLowerInvariant(), d.Attempts, d.CreatedAt, d.SentAt, d.Error);
    }

    public static IEndpointRouteBuilder MapReportSchedulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workspaces/{workspaceId:int}/insights/report-schedules").WithTags("Insights");

        group.MapGet("/", async Task<Ok<List<ScheduleDto>>> (int workspaceId, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var schedules = await db.Set<ReportSchedule>().AsNoTracking().Where(s => s.WorkspaceId == workspaceId).OrderBy(s => s.Id).ToListAsync(ct);
            return TypedResults.Ok(schedules.ConvertAll(ScheduleDto.From));
        }).WithName("ListReportSchedules").RequireWorkspaceRole(WorkspaceRole.Admin);

        group.MapPost("/", async Task<Results<Created<ScheduleDto>, NotFound, ValidationProblem>> (
            int workspaceId, SaveReportSchedule.Request request, SaveReportSchedule save, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var outcome = await save.HandleAsync(workspaceId, null, request with { Cadence = request.Cadence ?? "monthly" }, user.UserId(), ct);
            return outcome.Schedule is { } s ? TypedResults.Created($"/api/workspaces/{workspaceId}/insights/report-schedules/{s.Id}", ScheduleDto.From(s))
                : outcome.NotFound ? TypedResults.NotFound() : TypedResults.ValidationProblem(outcome.Errors!);
        }).WithName("CreateReportSchedule").RequireWorkspaceRole(WorkspaceRole.Admin)
            .WithDescription("recipients: email addresses (anyone, e.g. the managing director); cadence: weekly (Mondays, last week) or monthly (the 1st, last month); language: es or en.");

        group.MapPut("/{scheduleId:int}", async Task<Results<Ok<ScheduleDto>, NotFound, ValidationProblem>> (
            int workspaceId, int scheduleId, SaveReportSchedule.Request request, SaveReportSchedule save, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var outcome = await save.HandleAsync(workspaceId, scheduleId, request, user.UserId(), ct);
            return outcome.Schedule is { } s ? TypedResults.Ok(ScheduleDto.From(s))
                : outcome.NotFound ? TypedResults.NotFound() : TypedResults.ValidationProblem(outcome.Errors!);
        }).WithName("UpdateReportSchedule").RequireWorkspaceRole(WorkspaceRole.Admin);

        group.MapDelete("/{scheduleId:int}", async Task<Results<NoContent, NotFound>> (int workspaceId, int scheduleId, SaveReportSchedule save, CancellationToken ct) =>
            await save.DeleteAsync(workspaceId, scheduleId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("DeleteReportSchedule").RequireWorkspaceRole(WorkspaceRole.Admin);

        group.MapPost("/{scheduleId:int}/send", async Task<Results<Accepted<List<DeliveryDto>>, NotFound>> (
            int workspaceId, int scheduleId, ReportMailer mailer, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.Set<ReportSchedule>().AnyAsync(s => s.Id == scheduleId && s.WorkspaceId == workspaceId, ct))
            {
                return TypedResults.NotFound();
            }
            var added = await mailer.SendNowAsync(workspaceId, scheduleId, ct);
            return TypedResults.Accepted($"/api/workspaces/{workspaceId}/insights/report-schedules/{scheduleId}/deliveries", added.ConvertAll(DeliveryDto.From));
        }).WithName("SendReportNow").RequireWorkspaceRole(WorkspaceRole.Admin)
            .WithDescription("Sends the last whole period's report to every recipient now.");

        group.MapGet("/{scheduleId:int}/deliveries", async Task<Results<Ok<List<DeliveryDto>>, NotFound>> (
            int workspaceId, int scheduleId, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.Set<ReportSchedule>().AnyAsync(s => s.Id == scheduleId && s.WorkspaceId == workspaceId, ct))
            {
                return TypedResults.NotFound();
            }
            var deliveries = await db.Set<ReportDelivery>().AsNoTracking().Where(d => d.ScheduleId == scheduleId)
                .OrderByDescending(d => d.Id).Take(100).ToListAsync(ct);
            return TypedResults.Ok(deliveries.ConvertAll(DeliveryDto.From));
        }).WithName("ListReportDeliveries").RequireWorkspaceRole(WorkspaceRole.Admin);

        return app;
    }
}
