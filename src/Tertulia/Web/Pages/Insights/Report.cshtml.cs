using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Tertulia.Access;
using Tertulia.Insights.Metrics;
using Tertulia.Insights.Report;

namespace Tertulia.Web.Pages.Insights;

/// <summary>The management report of a period as a page to read or print, with its PDF a click away.</summary>
[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Viewer)]
public sealed class ReportModel(BuildReport build, IStringLocalizer<UiText> text) : PageModel
{
    public ManagementReport Report { get; private set; } = null!;
    public IReadOnlyList<ReportChart> Charts { get; private set; } = [];
    public IReadOnlyList<string[]> Figures { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int workspaceId, string? period, string? at, string? from, string? to, int? channel, int? query, CancellationToken ct)
    {
        var outcome = await build.HandleAsync(workspaceId, new InsightsRequest(period, at, from, to, channel, query), ct);
        if (outcome.NotFound)
        {
            return NotFound();
        }
        if (outcome.Report is null)
        {
            Error = outcome.Error;
            outcome = await build.HandleAsync(workspaceId, new InsightsRequest(), ct);
        }
        Report = outcome.Report!;
        Charts = ReportCharts.Draw(Report.Insights, text);
        Figures = ReportFigures.Rows(Report.Insights, text);
        return Page();
    }

    /// <summary>The chart as an image: an SVG in an img element runs no script, whatever names it draws.</summary>
    public static string DataUri(ReportChart chart) =>
        "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(chart.Svg));
}
