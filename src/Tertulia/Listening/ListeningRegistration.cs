namespace Tertulia.Listening;

public static class ListeningRegistration
{
    public static IServiceCollection AddListening(this IServiceCollection services)
    {
        services.AddOptions<RetagOptions>().BindConfiguration("Tertulia:Retag");
        services.AddSingleton<RetagSignal>();
        services.AddSingleton<SaveListeningQuery>();
        services.AddSingleton<DeleteListeningQuery>();
        services.AddSingleton<PreviewListeningQuery>();
        services.AddSingleton<RetagWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<RetagWorker>());
        return services;
    }
}
