namespace Tertulia.Publishing;

public static class PublishingRegistration
{
    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.AddOptions<PublishingOptions>().BindConfiguration("Tertulia:Publishing");
        services.AddSingleton<PublicationPlanner>();
        services.AddSingleton<PublicationFailures>();
        services.AddSingleton<PublicationOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<PublicationOutbox>());
        services.AddSingleton<PublishNow>();
        services.AddSingleton<WorkspaceClock>();
        services.AddSingleton<PublishingRules>();
        services.AddSingleton<Score.ValueScoring>();
        services.AddSingleton<ComposePreview>();
        services.AddSingleton<DraftPublication>();
        services.AddSingleton<ReviewPublication>();
        services.AddSingleton<PublicationCalendar>();
        return services;
    }
}
