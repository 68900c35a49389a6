using Microsoft.EntityFrameworkCore;
using Tertulia.Mentions;
using Tertulia.Workspaces;

namespace Tertulia.Inbox;

/// <summary>The inbox's tables and the indexes its list query needs (see docs/inbox.md).</summary>
public static class InboxModel
{
    public static void ConfigureInbox(this ModelBuilder model)
    {
        model.Entity<Conversation>(e =>
        {
            e.Property(c => c.Subject).HasMaxLength(Conversation.SubjectLength);
            e.Property(c => c.Preview).HasMaxLength(Conversation.PreviewLength);
            e.Property(c => c.CustomerName).HasMaxLength(MentionLimits.Author);
            e.Property(c => c.AssigneeId).HasMaxLength(450);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Mention>().WithMany().HasForeignKey(c => c.RootMentionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(c => c.RootMentionId).IsUnique();
            // The list: newest activity first within a workspace, by status ("open"), by assignee ("mine",
            // "unassigned" = null) and status; Id breaks ties for keyset paging.
            e.HasIndex(c => new { c.WorkspaceId, c.LastActivityAt, c.Id });
            e.HasIndex(c => new { c.WorkspaceId, c.Status, c.LastActivityAt, c.Id });
            e.HasIndex(c => new { c.WorkspaceId, c.AssigneeId, c.Status, c.LastActivityAt, c.Id });
            e.HasIndex(c => new { c.WorkspaceId, c.TeamId, c.Status, c.LastActivityAt });
            // "Other conversations of this customer" on the conversation page.
            e.HasIndex(c => new { c.WorkspaceId, c.CustomerName });
            // The worker's wake-up of snoozed conversations.
            e.HasIndex(c => new { c.Status, c.SnoozedUntil });
        });

        model.Entity<ConversationMessage>(e =>
        {
            e.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Mention>().WithMany().HasForeignKey(m => m.MentionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.MentionId).IsUnique();
            e.HasIndex(m => new { m.ConversationId, m.At });
        });

        model.Entity<ConversationEvent>(e =>
        {
            e.Property(v => v.Kind).HasMaxLength(32);
            e.Property(v => v.ActorId).HasMaxLength(450);
            e.Property(v => v.Detail).HasMaxLength(ConversationEvent.DetailLength);
            e.HasOne<Conversation>().WithMany().HasForeignKey(v => v.ConversationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(v => new { v.ConversationId, v.At });
        });

        model.Entity<ConversationNote>(e =>
        {
            e.Property(n => n.AuthorId).HasMaxLength(450);
            e.Property(n => n.Text).HasMaxLength(ConversationNote.MaxLength);
            e.HasOne<Conversation>().WithMany().HasForeignKey(n => n.ConversationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(n => n.ConversationId);
        });

        model.Entity<ConversationLabel>(e =>
        {
            e.HasKey(l => new { l.ConversationId, l.Label });
            e.Property(l => l.Label).HasMaxLength(ConversationLabel.MaxLength);
            e.HasOne<Conversation>().WithMany().HasForeignKey(l => l.ConversationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(l => new { l.WorkspaceId, l.Label, l.ConversationId });
        });

        model.Entity<Team>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(100);
            e.HasOne<Workspace>().WithMany().HasForeignKey(t => t.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(t => new { t.WorkspaceId, t.Name }).IsUnique();
        });

        model.Entity<Reply>(e =>
        {
            e.Property(r => r.AuthorId).HasMaxLength(450);
            e.Property(r => r.Text).HasMaxLength(Reply.MaxTextLength);
            e.Property(r => r.IdempotencyKey).HasMaxLength(64);
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.FailureReason).HasMaxLength(1000);
            e.Property(r => r.SentExternalId).HasMaxLength(MentionLimits.ExternalId);
            e.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Mention>().WithMany().HasForeignKey(r => r.MentionId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(r => r.IdempotencyKey).IsUnique();
            e.HasIndex(r => new { r.State, r.NextAttemptAt });
            e.HasIndex(r => r.ConversationId);
            e.HasIndex(r => r.SentExternalId);
        });

        model.Entity<CannedResponse>(e =>
        {
            e.Property(c => c.Shortcut).HasMaxLength(CannedResponse.ShortcutLength);
            e.Property(c => c.Text).HasMaxLength(CannedResponse.MaxTextLength);
            e.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.WorkspaceId, c.Shortcut }).IsUnique();
        });

        model.Entity<InboxSettings>(e =>
        {
            e.HasKey(s => s.WorkspaceId);
            e.HasOne<Workspace>().WithOne().HasForeignKey<InboxSettings>(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
