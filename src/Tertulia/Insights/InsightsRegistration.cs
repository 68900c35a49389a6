using Tertulia.Ingestion;
using Tertulia.Insights.Delivery;
using Tertulia.Insights.Metrics;
using Tertulia.Insights.Report;
using Tertulia.Insights.Rollups;

namespace Tertulia.Insights;

public static class InsightsRegistration
{
    /// <summary>After AddInbox: the rollups read the conversations the inbox's threading makes in the same transaction.</summary>
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddOptions<InsightsOptions>().BindConfiguration("Tertulia:Insights");
        services.AddSingleton<ReadInsights>();
        services.AddSingleton<BuildReport>();
        services.AddSingleton<ReportPdf>();
        services.AddSingleton<SaveReportSchedule>();
        services.AddSingleton<ReportMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportMailer>());
        services.AddSingleton<TopTerms>();
        services.AddSingleton<RollupBuilder>();
        services.AddSingleton<RollupsOnStore>();
        services.AddSingleton<IStoredMentionsHandler>(sp => sp.GetRequiredService<RollupsOnStore>());
        services.AddSingleton<IMentionsChangedHandler>(sp => sp.GetRequiredService<RollupsOnStore>());
        services.AddSingleton<RollupBackfill>();
        services.AddHostedService(sp => sp.GetRequiredService<RollupBackfill>());
        return services;
    }
}
