using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Tertulia.Ideas.PublicBoard;
using Tertulia.Ingestion;

namespace Tertulia.Ideas;

public static class IdeasRegistration
{
    /// <summary>The public form's rate limit (ASP.NET Core rate limiting), by the sender's address; reading is not limited.</summary>
    public const string FormRateLimit = "ideas-form";

    public static IServiceCollection AddIdeas(this IServiceCollection services)
    {
        services.AddOptions<IdeasOptions>().BindConfiguration("Tertulia:Ideas");
        services.AddSingleton<SuggestionIntake>();
        services.AddSingleton<IStoredMentionsHandler>(sp => sp.GetRequiredService<SuggestionIntake>());
        services.AddSingleton<SuggestionBackfill>();
        services.AddHostedService(sp => sp.GetRequiredService<SuggestionBackfill>());
        services.AddSingleton<IdeaBoardQueries>();
        services.AddSingleton<IdeaActions>();
        services.AddSingleton<IdeaTemplates>();
        services.AddSingleton<ChangeIdeaStatus>();
        services.AddSingleton<BoardSettings>();
        services.AddSingleton<PublicIdeas>();
        services.AddSingleton<SubmitSuggestion>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(FormRateLimit, http =>
            {
                if (!HttpMethods.IsPost(http.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }
                var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdeasOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.FormPermitLimit,
                    Window = options.FormWindow,
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }
}
