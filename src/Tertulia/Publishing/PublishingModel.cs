using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Mentions;
using Tertulia.Workspaces;

namespace Tertulia.Publishing;

/// <summary>The publishing tables and the indexes the worker, the calendar and the caps ask.</summary>
public static class PublishingModel
{
    public static void ConfigurePublishing(this ModelBuilder model)
    {
        model.Entity<Publication>(e =>
        {
            e.Property(p => p.Text).HasMaxLength(Publication.MaxTextLength);
            e.Property(p => p.Language).HasMaxLength(8);
            e.Property(p => p.AuthorId).HasMaxLength(450);
            e.Property(p => p.SubmittedBy).HasMaxLength(450);
            e.Property(p => p.ApprovedBy).HasMaxLength(450);
            e.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Origin).HasMaxLength(40);
            e.Property(p => p.ImageContentType).HasMaxLength(40);
            e.Property(p => p.ImageAlt).HasMaxLength(Channels.PostImage.MaxAltText);
            e.Property(p => p.FailureReason).HasMaxLength(Publication.FailureLength);
            e.HasOne<Workspace>().WithMany().HasForeignKey(p => p.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            // The calendar and the caps: a workspace's publications by moment.
            e.HasIndex(p => new { p.WorkspaceId, p.ScheduledFor });
            e.HasIndex(p => new { p.WorkspaceId, p.State });
        });

        model.Entity<PublishingSettings>(e =>
        {
            e.HasKey(s => s.WorkspaceId);
            e.Property(s => s.TimeZone).HasMaxLength(64);
            e.Property(s => s.BrandNames).HasMaxLength(PublishingSettings.BrandNamesLength);
            e.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<PublicationDelivery>(e =>
        {
            e.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.LastError).HasMaxLength(PublicationDelivery.ErrorLength);
            e.Property(d => d.ExternalId).HasMaxLength(MentionLimits.ExternalId);
            e.Property(d => d.Url).HasMaxLength(MentionLimits.Url);
            e.HasOne<Publication>().WithMany().HasForeignKey(d => d.PublicationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Channel>().WithMany().HasForeignKey(d => d.ChannelId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Mention>().WithMany().HasForeignKey(d => d.MentionId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(d => new { d.PublicationId, d.ChannelId }).IsUnique();
            // The worker's question: what is due now.
            e.HasIndex(d => new { d.State, d.NextAttemptAt });
            e.HasIndex(d => new { d.ChannelId, d.PublishedAt });
        });

        model.Entity<PublicationPart>(e =>
        {
            e.Property(p => p.Text).HasMaxLength(Publication.MaxTextLength);
            e.Property(p => p.IdempotencyKey).HasMaxLength(64);
            e.Property(p => p.ExternalId).HasMaxLength(MentionLimits.ExternalId);
            e.HasOne<PublicationDelivery>().WithMany().HasForeignKey(p => p.DeliveryId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Mention>().WithMany().HasForeignKey(p => p.MentionId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(p => new { p.DeliveryId, p.Index }).IsUnique();
            e.HasIndex(p => p.IdempotencyKey).IsUnique();
            e.HasIndex(p => p.ExternalId);
        });
    }
}
