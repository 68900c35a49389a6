namespace Tertulia.Assessment;

public static class AssessmentRegistration
{
    public static IServiceCollection AddAssessment(this IServiceCollection services)
    {
        services.AddOptions<AssessmentOptions>().BindConfiguration("Tertulia:Assessment");
        services.AddSingleton(_ => Questionnaire.Load());
        services.AddSingleton<ReadinessScoring>();
        services.AddSingleton<GatherEvidence>();
        services.AddSingleton<TakeReadinessCheck>();
        services.AddSingleton<ReadinessHistory>();
        services.AddSingleton<ReadinessLinks>();
        services.AddSingleton<LinkRateLimiter>();
        services.AddSingleton<ReadinessPdf>();
        return services;
    }
}
