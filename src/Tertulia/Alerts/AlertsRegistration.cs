using Tertulia.Alerts.Evaluation;
using Tertulia.Alerts.Incidents;
using Tertulia.Alerts.Notifications;
using Tertulia.Alerts.Rules;
using Tertulia.Channels.Network;
using Tertulia.Ingestion;
using Tertulia.Workspaces;

namespace Tertulia.Alerts;

public static class AlertsRegistration
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertsOptions>().BindConfiguration("Tertulia:Alerts");
        services.AddSingleton<AlertWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertWorker>());
        services.AddSingleton<IStoredMentionsHandler, AlertSignals>();
        services.AddSingleton<IWorkspaceSetup, DefaultRulesSetup>();
        services.AddSingleton<AlertEvaluator>();
        services.AddSingleton<IncidentNotifier>();
        services.AddSingleton<AlertDeliveries>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertDeliveries>());
        services.AddSingleton<SaveAlertRule>();
        services.AddSingleton<PreviewAlertRule>();
        services.AddSingleton<IncidentActions>();
        services.AddSingleton<PostStatement>();
        services.AddSingleton<CrisisRoom>();
        services.AddSingleton<InAppAlerts>();
        services.AddSingleton<AlertPreferences>();
        // Webhook receivers are addresses the workspace's admin chose: the same address policy as channels (no
        // private networks unless allowed), a bounded time, no automatic retries (the outbox retries, with back-off).
        services.AddHttpClient(AlertDeliveries.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(sp => ChannelHttp.SafeHandler(sp.GetRequiredService<AddressPolicy>()));
        return services;
    }
}
