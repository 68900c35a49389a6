using Microsoft.EntityFrameworkCore;
using Tertulia.Workspaces;

namespace Tertulia.Assessment;

/// <summary>The readiness check's tables: attempts (the history) and the agencies' links.</summary>
public static class AssessmentModel
{
    public const int MaxJsonLength = 64 * 1024;

    public static void ConfigureAssessment(this ModelBuilder model)
    {
        model.Entity<ReadinessCheck>(e =>
        {
            e.Property(c => c.Respondent).HasMaxLength(ReadinessCheck.MaxRespondentLength);
            e.Property(c => c.TakenByUserId).HasMaxLength(450);
            e.Property(c => c.Language).HasMaxLength(8);
            e.Property(c => c.AnswersJson).HasMaxLength(MaxJsonLength);
            e.Property(c => c.EvidenceJson).HasMaxLength(MaxJsonLength);
            e.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ReadinessLink>().WithMany().HasForeignKey(c => c.LinkId).OnDelete(DeleteBehavior.SetNull);
            // The history: newest first within a workspace.
            e.HasIndex(c => new { c.WorkspaceId, c.TakenAt });
            e.HasIndex(c => c.LinkId);
        });

        model.Entity<ReadinessLink>(e =>
        {
            e.Property(l => l.Label).HasMaxLength(ReadinessLink.MaxLabelLength);
            e.Property(l => l.SecretHash).HasMaxLength(64);
            e.Property(l => l.CreatedByUserId).HasMaxLength(450);
            e.HasIndex(l => l.SecretHash).IsUnique();
            e.HasIndex(l => l.WorkspaceId);
            e.HasOne<Workspace>().WithMany().HasForeignKey(l => l.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
