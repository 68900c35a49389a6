using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tertulia.Access;
using Tertulia.Insights.Metrics;

namespace Tertulia.Web.Pages.Insights;

/// <summary>The workspace's dashboard: a period's figures beside the previous period's, by channel and query.</summary>
[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Viewer)]
public sealed class DashboardModel(ReadInsights read) : PageModel
{
    public PeriodInsights Insights { get; private set; } = null!;
    public InsightsRequest Asked { get; private set; } = new();
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int workspaceId, string? period, string? at, string? from, string? to, int? channel, int? query, CancellationToken ct)
    {
        Asked = new InsightsRequest(period, at, from, to, channel, query);
        var outcome = await read.ReadAsync(workspaceId, Asked, ct);
        if (outcome.NotFound)
        {
            return NotFound();
        }
        if (outcome.Insights is null)
        {
            // A bad period or filter in the address: say so and show the current month instead of an error page.
            Error = outcome.Error;
            Asked = new InsightsRequest();
            outcome = await read.ReadAsync(workspaceId, Asked, ct);
        }
        Insights = outcome.Insights!;
        return Page();
    }

    public string Kind => Insights.Period.Kind;

    /// <summary>The change from the previous period, signed, or a dash when there is nothing to compare.</summary>
    public static string Delta(double? now, double? before) =>
        now is null || before is null ? "–" : (now - before) switch { > 0 and var d => $"+{d:0.#}", var d => $"{d:0.#}" };

    public static string Value(double? value, string unit = "") => value is null ? "–" : $"{value:0.#}{unit}";
}
