using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Tertulia.Access;
using Tertulia.Insights.Export;
using Tertulia.Insights.Metrics;
using Tertulia.Insights.Report;

namespace Tertulia.Insights;

/// <summary>/api/workspaces/{id}/insights: the figures of a period beside the previous one, as JSON or CSV, and the management report.</summary>
public static class InsightsApi
{
    public static IEndpointRouteBuilder MapInsightsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workspaces/{workspaceId:int}/insights").WithTags("Insights");

        group.MapGet("/", async Task<Results<Ok<PeriodInsights>, NotFound, ProblemHttpResult>> (
            int workspaceId, string? period, string? at, string? from, string? to, int? channel, int? query, ReadInsights read, CancellationToken ct) =>
        {
            var outcome = await read.ReadAsync(workspaceId, new InsightsRequest(period, at, from, to, channel, query), ct);
            return Answer(outcome, i => TypedResults.Ok(i));
        }).WithName("GetInsights").RequireWorkspaceRole(WorkspaceRole.Viewer);

        group.MapGet("/csv", async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> (
            int workspaceId, string? period, string? at, string? from, string? to, int? channel, int? query, ReadInsights read, CancellationToken ct) =>
        {
            var outcome = await read.ReadAsync(workspaceId, new InsightsRequest(period, at, from, to, channel, query), ct);
            return Answer(outcome, i => TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(InsightsCsv.Write(i))).ToArray(),
                "text/csv; charset=utf-8", $"tertulia-{i.Period.From:yyyy-MM-dd}-{i.Period.To:yyyy-MM-dd}.csv"));
        }).WithName("GetInsightsCsv").RequireWorkspaceRole(WorkspaceRole.Viewer);

        group.MapGet("/report", async Task<Results<Ok<ManagementReport>, NotFound, ProblemHttpResult>> (
            int workspaceId, string? period, string? at, string? from, string? to, int? channel, int? query, BuildReport build, CancellationToken ct) =>
        {
            var outcome = await build.HandleAsync(workspaceId, new InsightsRequest(period, at, from, to, channel, query), ct);
            return Report(outcome, r => TypedResults.Ok(r));
        }).WithName("GetManagementReport").RequireWorkspaceRole(WorkspaceRole.Viewer)
            .WithDescription("The management report of a period: the insights, a sentence per headline, quotes, open ideas and incidents. ?culture=es|en chooses the language.");

        group.MapGet("/report.pdf", async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> (
            int workspaceId, string? period, string? at, string? from, string? to, int? channel, int? query, BuildReport build, ReportPdf pdf, CancellationToken ct) =>
        {
            var outcome = await build.HandleAsync(workspaceId, new InsightsRequest(period, at, from, to, channel, query), ct);
            return Report(outcome, r => TypedResults.File(pdf.Render(r), "application/pdf", ReportPdf.FileName(r)));
        }).WithName("GetManagementReportPdf").RequireWorkspaceRole(WorkspaceRole.Viewer);

        return app;
    }

    private static Results<T, NotFound, ProblemHttpResult> Report<T>(BuildReport.Outcome outcome, Func<ManagementReport, T> ok) where T : IResult =>
        outcome.NotFound ? TypedResults.NotFound()
        : outcome.Report is null ? TypedResults.Problem(title: "Invalid period or filter", detail: outcome.Error, statusCode: StatusCodes.Status400BadRequest)
        : ok(outcome.Report);

    internal static Results<T, NotFound, ProblemHttpResult> Answer<T>(ReadInsights.Outcome outcome, Func<PeriodInsights, T> ok) where T : IResult =>
        outcome.NotFound ? TypedResults.NotFound()
        : outcome.Insights is null ? TypedResults.Problem(title: "Invalid period or filter", detail: outcome.Error, statusCode: StatusCodes.Status400BadRequest)
        : ok(outcome.Insights);
}
