using Tertulia.Ingestion;

namespace Tertulia.Understanding;

public static class UnderstandingRegistration
{
    public static IServiceCollection AddUnderstanding(this IServiceCollection services)
    {
        services.AddSingleton(_ => Understander.LoadShipped());
        services.AddSingleton<UnderstandingEnricher>();
        services.AddSingleton<IMentionEnricher>(sp => sp.GetRequiredService<UnderstandingEnricher>());
        services.AddHostedService<UnderstandingBackfill>();
        return services;
    }
}
