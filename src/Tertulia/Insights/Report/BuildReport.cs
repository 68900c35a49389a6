using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tertulia.Insights.Metrics;
using Tertulia.Storage;
using Tertulia.Web;

namespace Tertulia.Insights.Report;

/// <summary>
/// Puts the management report of a period together, in the current UI culture: the insights the API serves for
/// the same request, the sentences, the quotes, the open ideas and the incidents.
/// </summary>
public sealed class BuildReport(ReadInsights read, IDbContextFactory<TertuliaDb> dbs, IStringLocalizer<UiText> text, TimeProvider clock)
{
    public sealed record Outcome(ManagementReport? Report, string? Error = null, bool NotFound = false);

    public async Task<Outcome> HandleAsync(int workspaceId, InsightsRequest request, CancellationToken ct)
    {
        var outcome = await read.ReadAsync(workspaceId, request, ct);
        if (outcome.Insights is not { } insights)
        {
            return new Outcome(null, outcome.Error, outcome.NotFound);
        }
        await using var db = await dbs.CreateDbContextAsync(ct);
        var praise = await ReportQuotes.CustomersAsync(db, insights, praise: true, ct);
        var complaints = await ReportQuotes.CustomersAsync(db, insights, praise: false, ct);
        var ideas = await ReportQuotes.OpenIdeasAsync(db, insights, ct);
        var incidents = await ReportQuotes.IncidentsAsync(db, insights, ct);
        return new Outcome(new ManagementReport(insights, ReportHeadlines.Write(insights, incidents, text), praise, complaints, ideas, incidents,
            CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, clock.GetUtcNow()));
    }

    /// <summary>Runs <paramref name="work"/> in <paramref name="language"/> ("es" or "en"): the texts and the number formats.</summary>
    public static async Task<T> InLanguageAsync<T>(string language, Func<Task<T>> work)
    {
        var (ui, culture) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        var chosen = Web.WebRegistration.Cultures.FirstOrDefault(c => c.Name == language) ?? Web.WebRegistration.Cultures[0];
        CultureInfo.CurrentUICulture = chosen;
        CultureInfo.CurrentCulture = chosen;
        try
        {
            return await work();
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
            CultureInfo.CurrentCulture = culture;
        }
    }
}
