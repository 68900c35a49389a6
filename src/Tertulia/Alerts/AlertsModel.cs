using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tertulia.Alerts.Evaluation;
using Tertulia.Alerts.Incidents;
using Tertulia.Alerts.Notifications;
using Tertulia.Alerts.Rules;
using Tertulia.Listening;
using Tertulia.Mentions;
using Tertulia.Workspaces;

namespace Tertulia.Alerts;

/// <summary>The alerts' tables: rules, incidents with their timeline, notifications and their outbox.</summary>
public static class AlertsModel
{
    public static void ConfigureAlerts(this ModelBuilder model)
    {
        model.Entity<AlertRule>(e =>
        {
            e.Property(r => r.Name).HasMaxLength(AlertRule.MaxNameLength);
            e.Property(r => r.RiskTerms).HasMaxLength(AlertRule.MaxRiskTermsLength);
            e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
            e.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ListeningQuery>().WithMany().HasForeignKey(r => r.QueryId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => r.WorkspaceId);
        });

        model.Entity<Incident>(e =>
        {
            e.Property(i => i.Title).HasMaxLength(Incident.MaxTitleLength);
            e.Property(i => i.RuleIds).HasMaxLength(400);
            e.Property(i => i.HoldingStatement).HasMaxLength(Incident.MaxStatementLength);
            e.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.AcknowledgedBy).HasMaxLength(450);
            e.Property(i => i.AssigneeId).HasMaxLength(450);
            e.Property(i => i.ResolvedBy).HasMaxLength(450);
            e.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AlertRule>().WithMany().HasForeignKey(i => i.RuleId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Mention>().WithMany().HasForeignKey(i => i.TriggerMentionId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(i => new { i.WorkspaceId, i.ClosedAt, i.OpenedAt });
            e.HasIndex(i => new { i.RuleId, i.ClosedAt });
            e.HasOne<ListeningQuery>().WithMany().HasForeignKey(i => i.QueryId).OnDelete(DeleteBehavior.SetNull);
        });

        model.Entity<IncidentEvent>(e =>
        {
            e.Property(v => v.Kind).HasMaxLength(32);
            e.Property(v => v.ActorId).HasMaxLength(450);
            e.Property(v => v.Detail).HasMaxLength(IncidentEvent.MaxDetailLength);
            e.HasOne(v => v.Incident).WithMany().HasForeignKey(v => v.IncidentId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(v => new { v.IncidentId, v.At });
        });

        model.Entity<AlertNotification>(e =>
        {
            e.Property(n => n.UserId).HasMaxLength(450);
            e.Property(n => n.EventKey).HasMaxLength(100);
            e.Property(n => n.Text).HasMaxLength(500);
            e.HasOne<Workspace>().WithMany().HasForeignKey(n => n.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<IdentityUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Incident>().WithMany().HasForeignKey(n => n.IncidentId).OnDelete(DeleteBehavior.Cascade);
            // Once per person and event, even when two nodes tell of the same escalation.
            e.HasIndex(n => new { n.UserId, n.EventKey }).IsUnique();
            e.HasIndex(n => new { n.UserId, n.ReadAt, n.At });
        });

        model.Entity<AlertDelivery>(e =>
        {
            e.Property(d => d.EventKey).HasMaxLength(100);
            e.Property(d => d.Target).HasMaxLength(320);
            e.Property(d => d.Subject).HasMaxLength(300);
            e.Property(d => d.Body).HasMaxLength(AlertDelivery.MaxBodyLength);
            e.Property(d => d.LastError).HasMaxLength(500);
            e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Workspace>().WithMany().HasForeignKey(d => d.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Incident>().WithMany().HasForeignKey(d => d.IncidentId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(d => new { d.EventKey, d.Kind, d.Target }).IsUnique();
            e.HasIndex(d => new { d.State, d.NextAttemptAt });
        });

        model.Entity<AlertWebhook>(e =>
        {
            e.Property(w => w.Url).HasMaxLength(2048);
            e.Property(w => w.Secret).HasMaxLength(200);
            e.HasOne<Workspace>().WithMany().HasForeignKey(w => w.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(w => w.WorkspaceId);
        });

        model.Entity<AlertPreference>(e =>
        {
            e.HasKey(p => new { p.WorkspaceId, p.UserId });
            e.Property(p => p.UserId).HasMaxLength(450);
            e.Property(p => p.TimeZone).HasMaxLength(64);
            e.HasOne<Workspace>().WithMany().HasForeignKey(p => p.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<IdentityUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<AlertCheck>(e =>
        {
            e.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.Id);
        });
    }
}
