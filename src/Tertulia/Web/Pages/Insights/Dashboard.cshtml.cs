using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tertulia.Access;
using Tertulia.Insights.Metrics;
using Tertulia.Storage;

namespace Tertulia.Web.Pages.Insights;

/// <summary>
/// The workspace's dashboard, its first page: what stands out (an open crisis, a spike, who is waiting), then a
/// period's figures beside the previous period's, by channel and query, each count linked to the mentions it counted.
/// </summary>
[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Viewer)]
public sealed class DashboardModel(ReadInsights read, IDbContextFactory<TertuliaDb> dbs, TimeProvider clock, IStringLocalizer<UiText> text) : PageModel
{
    public PeriodInsights Insights { get; private set; } = null!;
    public InsightsRequest Asked { get; private set; } = new();
    public string? Error { get; private set; }
    public IReadOnlyList<DashboardStory.Line> Story { get; private set; } = [];

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

        await using var db = await dbs.CreateDbContextAsync(ct);
        // An open crisis is news whatever the period shown.
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.WorkspaceId == workspaceId && i.ClosedAt == null)
            .OrderByDescending(i => i.Id).Select(i => new DashboardStory.OpenIncident(i.Id, i.Title, i.Size, i.StartedAt)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, read.Zone).DateTime);
        Story = DashboardStory.Write(Insights, incidents, today, now, MentionsOf, text);
        return Page();
    }

    public string Kind => Insights.Period.Kind;

    /// <summary>
    /// The mentions page listing what a figure of <paramref name="period"/> counted: its days, the dashboard's channel
    /// and query, no spam, the customers' only unless <paramref name="customers"/> is false, and <paramref name="filters"/>
    /// ("sentiment=negative").
    /// </summary>
    public string MentionsOf(InsightsPeriod period, string? filters = null, bool customers = true) =>
        MentionsOf(period.From, period.To, filters, customers);

    private string MentionsOf(DateOnly from, DateOnly to, string? filters, bool customers)
    {
        var parts = new List<string>();
        if (filters is not null)
        {
            parts.Add(filters);
        }
        parts.Add("from=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        parts.Add("to=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (customers)
        {
            parts.Add("who=customers");
        }
        parts.Add("spam=false");
        if (Insights.ChannelId is { } channel)
        {
            parts.Add($"channel={channel}");
        }
        if (Insights.QueryId is { } query)
        {
            parts.Add($"queryId={query}");
        }
        return $"/w/{Insights.WorkspaceId}?" + string.Join("&", parts);
    }

    /// <summary>The change from the previous period, signed, or a dash when there is nothing to compare.</summary>
    public static string Delta(double? now, double? before) =>
        now is null || before is null ? "–" : (now - before) switch { > 0 and var d => $"+{d:0.#}", var d => $"{d:0.#}" };

    public static string Value(double? value, string unit = "") => value is null ? "–" : $"{value:0.#}{unit}";
}
