using Tertulia.Ingestion;

namespace Tertulia.Inbox;

public static class InboxRegistration
{
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        services.AddOptions<InboxOptions>().BindConfiguration("Tertulia:Inbox");
        services.AddSingleton<ConversationThreading>();
        services.AddSingleton<IStoredMentionsHandler>(sp => sp.GetRequiredService<ConversationThreading>());
        services.AddSingleton<ConversationBackfill>();
        services.AddHostedService(sp => sp.GetRequiredService<ConversationBackfill>());
        services.AddSingleton<ReplyOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplyOutbox>());
        services.AddSingleton<ConversationActions>();
        services.AddSingleton<SendReply>();
        services.AddSingleton<CannedResponses>();
        services.AddSingleton<InboxList>();
        services.AddSingleton<ConversationDetail>();
        services.AddSingleton<InboxMetrics>();
        return services;
    }
}
