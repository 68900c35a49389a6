using Microsoft.EntityFrameworkCore;
using Tertulia.Mentions;
using Tertulia.Workspaces;

namespace Tertulia.Contacts;

/// <summary>The contacts' tables, configured beside the capability that owns them.</summary>
public static class ContactsModel
{
    public const int MaxUserIdLength = 450;

    public static void Configure(ModelBuilder model)
    {
        model.Entity<Contact>(e =>
        {
            e.Property(c => c.DisplayName).HasMaxLength(Contact.MaxNameLength);
            e.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Contact>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => new { c.WorkspaceId, c.LastSeenAt });
        });

        model.Entity<ContactIdentity>(e =>
        {
            e.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Key).HasMaxLength(ContactIdentity.MaxKeyLength);
            e.Property(i => i.Display).HasMaxLength(ContactIdentity.MaxKeyLength);
            e.HasOne<Contact>().WithMany().HasForeignKey(i => i.ContactId).OnDelete(DeleteBehavior.Cascade);
            // One owner per identity in a workspace: seeing it again finds the same contact.
            e.HasIndex(i => new { i.WorkspaceId, i.Key }).IsUnique();
            e.HasIndex(i => i.ContactId);
        });

        model.Entity<ContactMerge>(e =>
        {
            e.Property(m => m.MergedBy).HasMaxLength(MaxUserIdLength);
            e.Property(m => m.UndoneBy).HasMaxLength(MaxUserIdLength);
            e.Property(m => m.Reason).HasMaxLength(ContactMerge.MaxReasonLength);
            e.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Contact>().WithMany().HasForeignKey(m => m.SurvivorId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Contact>().WithMany().HasForeignKey(m => m.AbsorbedId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.SurvivorId);
            e.HasIndex(m => m.AbsorbedId);
        });

        model.Entity<ContactMergeIdentity>(e =>
        {
            e.ToTable("ContactMergeIdentities");
            e.HasKey(m => new { m.MergeId, m.IdentityId });
            e.HasOne<ContactMerge>().WithMany().HasForeignKey(m => m.MergeId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ContactIdentity>().WithMany().HasForeignKey(m => m.IdentityId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.IdentityId);
        });

        model.Entity<ContactMergeMention>(e =>
        {
            e.ToTable("ContactMergeMentions");
            e.HasKey(m => new { m.MergeId, m.MentionId });
            e.HasOne<ContactMerge>().WithMany().HasForeignKey(m => m.MergeId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Mention>().WithMany().HasForeignKey(m => m.MentionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.MentionId);
        });

        model.Entity<ContactFollow>(e =>
        {
            e.HasKey(f => new { f.ContactId, f.UserId });
            e.Property(f => f.UserId).HasMaxLength(MaxUserIdLength);
            e.HasOne<Contact>().WithMany().HasForeignKey(f => f.ContactId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(f => new { f.WorkspaceId, f.UserId });
        });

        model.Entity<Mention>(e =>
        {
            // On SQLite the migration adds the column without the constraint: SQLite cannot add one to an existing
            // table without rebuilding it (and its search triggers). The model keeps it, so copies order tables right.
            e.HasOne<Contact>().WithMany().HasForeignKey(m => m.ContactId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(m => new { m.ContactId, m.Published });
            // What the backfill still has to resolve: small once it has run, so finding it is instant.
            e.HasIndex(m => m.Id, "IX_Mentions_ContactUnresolved")
                .HasFilter("\"ContactId\" IS NULL AND (\"Author\" IS NOT NULL OR \"AuthorUrl\" IS NOT NULL)");
        });
    }
}
