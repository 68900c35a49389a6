using Microsoft.EntityFrameworkCore;
using Tertulia.Contacts;
using Tertulia.Insights.Delivery;
using Tertulia.Listening;
using Tertulia.Workspaces;

namespace Tertulia.Insights.Rollups;

/// <summary>The rollup tables, configured beside the capability that owns them.</summary>
public static class InsightsModel
{
    public static void ConfigureInsights(this ModelBuilder model)
    {
        model.Entity<HourlyRollup>(e =>
        {
            e.HasKey(r => new { r.WorkspaceId, r.Hour, r.ChannelId, r.Sentiment, r.Intent, r.FromBrand, r.Answers, r.Answered, r.NeedsAnswer, r.GotAnswer });
            e.Property(r => r.Sentiment).HasMaxLength(16);
            e.Property(r => r.Intent).HasMaxLength(16);
            e.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<QueryHourlyRollup>(e =>
        {
            e.HasKey(r => new { r.WorkspaceId, r.Hour, r.QueryId, r.ChannelId, r.Sentiment, r.Intent, r.FromBrand });
            e.Property(r => r.Sentiment).HasMaxLength(16);
            e.Property(r => r.Intent).HasMaxLength(16);
            e.HasOne<ListeningQuery>().WithMany().HasForeignKey(r => r.QueryId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => new { r.QueryId, r.Hour });
        });
        model.Entity<ResponseRollup>(e =>
        {
            e.HasKey(r => r.MentionId);
            e.Property(r => r.MentionId).ValueGeneratedNever();
            // Covering: a period's response times are read from the index alone.
            e.HasIndex(r => new { r.WorkspaceId, r.Hour, r.ChannelId, r.Minutes }, "IX_ResponseRollup_Period");
            e.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ContactHourlyRollup>(e =>
        {
            e.HasKey(r => new { r.WorkspaceId, r.Hour, r.ContactId });
            // "Had they written before?" for returning customers.
            e.HasIndex(r => new { r.WorkspaceId, r.ContactId, r.Hour });
            // Covering: a period's customers are counted from the index alone (InsightsCalculator, ContactChains).
            e.HasIndex(r => new { r.WorkspaceId, r.Hour, r.Exchanges, r.PreviousHour, r.NextHour, r.PreviousExchangeHour, r.GrowthToDate }, "IX_ContactHourlyRollup_Period");
            // Relationship strength: a customer's two-way exchanges, few among their hours, read without the table.
            e.HasOne<Contact>().WithMany().HasForeignKey(r => r.ContactId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<RollupBackfillState>(e =>
        {
            e.HasKey(s => s.WorkspaceId);
            e.Property(s => s.WorkspaceId).ValueGeneratedNever();
            e.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ReportSchedule>(e =>
        {
            e.Property(s => s.Recipients).HasMaxLength(ReportSchedule.RecipientsLength);
            e.Property(s => s.Language).HasMaxLength(8);
            e.Property(s => s.CreatedBy).HasMaxLength(450);
            e.HasIndex(s => new { s.WorkspaceId });
            e.HasIndex(s => new { s.Enabled, s.NextRunAt });
            e.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ReportDelivery>(e =>
        {
            e.Property(d => d.Trigger).HasMaxLength(ReportDelivery.TriggerLength);
            e.Property(d => d.Recipient).HasMaxLength(320);
            e.Property(d => d.Error).HasMaxLength(1000);
            // One report per schedule, period, trigger and recipient, whichever node plans it.
            e.HasIndex(d => new { d.ScheduleId, d.PeriodFrom, d.Trigger, d.Recipient }).IsUnique();
            e.HasIndex(d => new { d.State, d.NextAttemptAt });
            e.HasOne<ReportSchedule>().WithMany().HasForeignKey(d => d.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<DailyRollup>(e =>
        {
            e.HasKey(r => new { r.WorkspaceId, r.Day, r.ChannelId, r.Sentiment, r.Intent, r.FromBrand, r.Answers, r.Answered, r.NeedsAnswer, r.GotAnswer });
            e.Property(r => r.Sentiment).HasMaxLength(16);
            e.Property(r => r.Intent).HasMaxLength(16);
            e.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<QueryDailyRollup>(e =>
        {
            e.HasKey(r => new { r.WorkspaceId, r.Day, r.QueryId, r.ChannelId, r.Sentiment, r.Intent, r.FromBrand });
            e.Property(r => r.Sentiment).HasMaxLength(16);
            e.Property(r => r.Intent).HasMaxLength(16);
            e.HasOne<ListeningQuery>().WithMany().HasForeignKey(r => r.QueryId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => new { r.QueryId, r.Day });
        });
        model.Entity<TermDailyRollup>(e =>
        {
            e.HasKey(r => new { r.WorkspaceId, r.Day, r.Term });
            e.Property(r => r.Term).HasMaxLength(TermHourlyRollup.MaxTermLength);
            e.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TermHourlyRollup>(e =>
        {
            e.HasKey(r => new { r.WorkspaceId, r.Hour, r.Term });
            e.Property(r => r.Term).HasMaxLength(TermHourlyRollup.MaxTermLength);
            e.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
