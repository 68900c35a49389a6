namespace Tertulia.Ingestion;

public static class IngestionRegistration
{
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddSingleton<MentionContent>();
        services.AddSingleton<IngestionPipeline>();
        return services;
    }
}
