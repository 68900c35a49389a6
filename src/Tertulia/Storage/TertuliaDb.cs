using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Channels;
using Tertulia.Inbox;
using Tertulia.Listening;
using Tertulia.Mentions;
using Tertulia.Workspaces;

namespace Tertulia.Storage;

/// <summary>
/// The store. On SQLite it is this class; on PostgreSQL its subclass <see cref="PostgresTertuliaDb"/>, so each
/// provider keeps its own migrations and model snapshot.
/// </summary>
public class TertuliaDb : IdentityUserContext<IdentityUser>
{
    public TertuliaDb(DbContextOptions<TertuliaDb> options) : base(options)
    {
    }

    protected TertuliaDb(DbContextOptions options) : base(options)
    {
    }

    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<Mention> Mentions => Set<Mention>();
    public DbSet<ListeningQuery> ListeningQueries => Set<ListeningQuery>();
    public DbSet<QueryMatch> QueryMatches => Set<QueryMatch>();
    public DbSet<RetagJob> RetagJobs => Set<RetagJob>();
    public DbSet<Tertulia.Contacts.Contact> Contacts => Set<Tertulia.Contacts.Contact>();
    public DbSet<Tertulia.Contacts.ContactIdentity> ContactIdentities => Set<Tertulia.Contacts.ContactIdentity>();
    public DbSet<Tertulia.Contacts.ContactMerge> ContactMerges => Set<Tertulia.Contacts.ContactMerge>();
    public DbSet<Tertulia.Contacts.ContactFollow> ContactFollows => Set<Tertulia.Contacts.ContactFollow>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationMessage> ConversationMessages => Set<ConversationMessage>();
    public DbSet<ConversationEvent> ConversationEvents => Set<ConversationEvent>();
    public DbSet<ConversationNote> ConversationNotes => Set<ConversationNote>();
    public DbSet<ConversationLabel> ConversationLabels => Set<ConversationLabel>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Reply> Replies => Set<Reply>();
    public DbSet<CannedResponse> CannedResponses => Set<CannedResponse>();
    public DbSet<InboxSettings> InboxSettings => Set<InboxSettings>();
    public DbSet<WorkspaceMember> WorkspaceMembers => Set<WorkspaceMember>();
    public DbSet<PersonalToken> PersonalTokens => Set<PersonalToken>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Tertulia.Assessment.ReadinessCheck> ReadinessChecks => Set<Tertulia.Assessment.ReadinessCheck>();
    public DbSet<Tertulia.Assessment.ReadinessLink> ReadinessLinks => Set<Tertulia.Assessment.ReadinessLink>();
    public DbSet<Tertulia.Alerts.Rules.AlertRule> AlertRules => Set<Tertulia.Alerts.Rules.AlertRule>();
    public DbSet<Tertulia.Alerts.Incidents.Incident> Incidents => Set<Tertulia.Alerts.Incidents.Incident>();
    public DbSet<Tertulia.Alerts.Incidents.IncidentEvent> IncidentEvents => Set<Tertulia.Alerts.Incidents.IncidentEvent>();
    public DbSet<Tertulia.Alerts.Notifications.AlertNotification> AlertNotifications => Set<Tertulia.Alerts.Notifications.AlertNotification>();
    public DbSet<Tertulia.Alerts.Notifications.AlertDelivery> AlertDeliveries => Set<Tertulia.Alerts.Notifications.AlertDelivery>();
    public DbSet<Tertulia.Alerts.Notifications.AlertWebhook> AlertWebhooks => Set<Tertulia.Alerts.Notifications.AlertWebhook>();
    public DbSet<Tertulia.Alerts.Notifications.AlertPreference> AlertPreferences => Set<Tertulia.Alerts.Notifications.AlertPreference>();
    public DbSet<Tertulia.Alerts.Evaluation.AlertCheck> AlertChecks => Set<Tertulia.Alerts.Evaluation.AlertCheck>();
    public DbSet<Tertulia.Publishing.Publication> Publications => Set<Tertulia.Publishing.Publication>();
    public DbSet<Tertulia.Publishing.PublicationDelivery> PublicationDeliveries => Set<Tertulia.Publishing.PublicationDelivery>();
    public DbSet<Tertulia.Publishing.PublicationPart> PublicationParts => Set<Tertulia.Publishing.PublicationPart>();
    public DbSet<Tertulia.Publishing.PublishingSettings> PublishingSettings => Set<Tertulia.Publishing.PublishingSettings>();
    public DbSet<Tertulia.Ideas.Idea> Ideas => Set<Tertulia.Ideas.Idea>();
    public DbSet<Tertulia.Ideas.Suggestion> Suggestions => Set<Tertulia.Ideas.Suggestion>();
    public DbSet<Tertulia.Ideas.IdeaAnswer> IdeaAnswers => Set<Tertulia.Ideas.IdeaAnswer>();
    public DbSet<Tertulia.Ideas.IdeaBoard> IdeaBoards => Set<Tertulia.Ideas.IdeaBoard>();
    public DbSet<Tertulia.Ideas.IdeaTemplate> IdeaTemplates => Set<Tertulia.Ideas.IdeaTemplate>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text: store instants as UTC Unix milliseconds.
        if (Database.IsSqlite())
        {
            conventions.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        }
        else
        {
            // timestamptz holds instants; Npgsql writes only UTC offsets, so every instant is turned to UTC first.
            conventions.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        // The Identity tables (AspNetUsers, AspNetUserClaims, AspNetUserLogins, AspNetUserTokens).
        base.OnModelCreating(model);

        model.Entity<WorkspaceMember>(e =>
        {
            e.HasKey(m => new { m.WorkspaceId, m.UserId });
            e.HasIndex(m => m.UserId);
            e.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<IdentityUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<PersonalToken>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Hash).HasMaxLength(64);
            e.HasIndex(t => t.Hash).IsUnique();
            e.HasIndex(t => t.UserId);
            e.HasOne<IdentityUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<Invitation>(e =>
        {
            e.Property(i => i.Email).HasMaxLength(256);
            e.Property(i => i.SecretHash).HasMaxLength(64);
            e.Property(i => i.Role).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(i => i.SecretHash).IsUnique();
            e.HasIndex(i => i.WorkspaceId);
            e.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<Workspace>(e =>
        {
            e.Property(w => w.Name).HasMaxLength(200);
            e.Property(w => w.Slug).HasMaxLength(100);
            e.HasIndex(w => w.Slug).IsUnique();
        });

        model.Entity<Channel>(e =>
        {
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.Source).HasMaxLength(2048);
            e.Property(c => c.Credentials).HasMaxLength(16384);
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
            e.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.Enabled, c.NextPollAt });
            e.HasIndex(c => c.WorkspaceId);
            if (Database.IsSqlite())
            {
                // One process owns a SQLite file: nothing to lease.
                e.Ignore(c => c.LeasedBy);
                e.Ignore(c => c.LeaseExpiresAt);
            }
            else
            {
                e.Property(c => c.LeasedBy).HasMaxLength(200);
            }
        });

        model.Entity<Mention>(e =>
        {
            e.Property(m => m.ExternalId).HasMaxLength(MentionLimits.ExternalId);
            e.Property(m => m.Url).HasMaxLength(MentionLimits.Url);
            e.Property(m => m.ParentExternalId).HasMaxLength(MentionLimits.ExternalId);
            e.Property(m => m.Author).HasMaxLength(MentionLimits.Author);
            e.Property(m => m.AuthorUrl).HasMaxLength(MentionLimits.Url);
            e.Property(m => m.Title).HasMaxLength(MentionLimits.Title);
            e.Property(m => m.Language).HasMaxLength(16);
            e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(m => m.Sentiment).HasConversion<string>().HasMaxLength(16);
            e.Property(m => m.Intent).HasConversion<string>().HasMaxLength(16);
            e.Property(m => m.UnderstoodWith).HasMaxLength(32);
            e.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Channel>().WithMany().HasForeignKey(m => m.ChannelId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(m => m.Parent).WithMany().HasForeignKey(m => m.ParentId).OnDelete(DeleteBehavior.SetNull);
            // Dedupe key: a channel never stores the same external item twice.
            e.HasIndex(m => new { m.ChannelId, m.ExternalId }).IsUnique();
            e.HasIndex(m => new { m.WorkspaceId, m.Published });
            e.HasIndex(m => m.ParentId);
            e.HasIndex(m => new { m.ChannelId, m.ParentExternalId });
            e.Ignore(m => m.ParentUrlHint);
            e.Ignore(m => m.FromBrandHint);
            e.HasIndex(m => new { m.WorkspaceId, m.Url });
            e.HasIndex(m => new { m.WorkspaceId, m.Sentiment, m.Published });
            e.HasIndex(m => new { m.WorkspaceId, m.Intent, m.Published });
        });

        model.Entity<ListeningQuery>(e =>
        {
            e.Property(q => q.Name).HasMaxLength(ListeningQuery.MaxNameLength);
            e.Property(q => q.Expression).HasMaxLength(QueryParser.MaxLength);
            e.Property(q => q.Role).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Workspace>().WithMany().HasForeignKey(q => q.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<RetagJob>(e =>
        {
            e.HasIndex(j => j.FinishedAt);
            e.HasIndex(j => j.QueryId);
            e.HasOne<ListeningQuery>().WithMany().HasForeignKey(j => j.QueryId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<QueryMatch>(e =>
        {
            e.HasKey(m => new { m.QueryId, m.MentionId });
            e.HasIndex(m => m.MentionId);
            e.HasOne<ListeningQuery>().WithMany().HasForeignKey(m => m.QueryId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Mention>().WithMany().HasForeignKey(m => m.MentionId).OnDelete(DeleteBehavior.Cascade);
        });

        Tertulia.Contacts.ContactsModel.Configure(model);
        model.ConfigureInbox();
        Tertulia.Assessment.AssessmentModel.ConfigureAssessment(model);
        Tertulia.Insights.Rollups.InsightsModel.ConfigureInsights(model);
        Tertulia.Alerts.AlertsModel.ConfigureAlerts(model);
        Tertulia.Publishing.PublishingModel.ConfigurePublishing(model);
        Tertulia.Ideas.IdeasModel.ConfigureIdeas(model);
    }
}
