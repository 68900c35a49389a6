using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Inbox;
using Tertulia.Mentions;
using Tertulia.Workspaces;

namespace Tertulia.Ideas;

/// <summary>The ideas board's tables (see docs/ideas.md).</summary>
public static class IdeasModel
{
    public static void ConfigureIdeas(this ModelBuilder model)
    {
        model.Entity<Idea>(e =>
        {
            e.Property(i => i.Title).HasMaxLength(Idea.TitleLength);
            e.Property(i => i.Answer).HasMaxLength(Idea.AnswerLength);
            e.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(i => new { i.WorkspaceId, i.Status });
        });

        model.Entity<Suggestion>(e =>
        {
            e.Property(s => s.Terms).HasMaxLength(Suggestion.TermsLength);
            e.HasOne<Idea>().WithMany().HasForeignKey(s => s.IdeaId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Mention>().WithMany().HasForeignKey(s => s.MentionId).OnDelete(DeleteBehavior.Cascade);
            // A mention is one suggestion, in one idea.
            e.HasIndex(s => s.MentionId).IsUnique();
            e.HasIndex(s => new { s.WorkspaceId, s.IdeaId, s.At });
            // The intake's window: a workspace's latest suggestions.
            e.HasIndex(s => new { s.WorkspaceId, s.Id });
        });

        model.Entity<IdeaAnswer>(e =>
        {
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.ActorId).HasMaxLength(450);
            e.HasOne<Suggestion>().WithMany().HasForeignKey(a => a.SuggestionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Reply>().WithMany().HasForeignKey(a => a.ReplyId).OnDelete(DeleteBehavior.SetNull);
            // Never twice: one answer per suggestion and status.
            e.HasIndex(a => new { a.SuggestionId, a.Status }).IsUnique();
            e.HasIndex(a => a.IdeaId);
        });

        model.Entity<IdeaBoard>(e =>
        {
            e.HasKey(b => b.WorkspaceId);
            e.Property(b => b.IntroEs).HasMaxLength(1000);
            e.Property(b => b.IntroEn).HasMaxLength(1000);
            e.HasOne<Workspace>().WithOne().HasForeignKey<IdeaBoard>(b => b.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Channel>().WithMany().HasForeignKey(b => b.FormChannelId).OnDelete(DeleteBehavior.SetNull);
        });

        model.Entity<IdeaTemplate>(e =>
        {
            e.HasKey(t => new { t.WorkspaceId, t.Status, t.Language });
            e.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.Language).HasMaxLength(8);
            e.Property(t => t.Text).HasMaxLength(IdeaTemplate.TextLength);
            e.HasOne<Workspace>().WithMany().HasForeignKey(t => t.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
