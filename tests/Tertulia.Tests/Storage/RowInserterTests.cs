using Microsoft.EntityFrameworkCore;
using Tertulia.Contacts;
using Tertulia.Insights.Rollups;
using Tertulia.Storage;
using Tertulia.Tests.Support;
using Xunit;

namespace Tertulia.Tests.Storage;

/// <summary>Rows written straight by RowInserter read back through EF exactly as written, on either store.</summary>
public class RowInserterTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task Rows_written_in_several_statements_read_back_as_written_with_their_instants_and_empty_values()
    {
        var workspace = await App.CreateWorkspaceAsync("Filas directas");
        int contact;
        await using (var db = App.Db())
        {
            var lucia = new Contact { WorkspaceId = workspace, DisplayName = "Lucía", CreatedAt = DateTimeOffset.UtcNow };
            db.Contacts.Add(lucia);
            await db.SaveChangesAsync();
            contact = lucia.Id;
        }
        // 150 rows: two full statements and a short last one; instants with and without a value, one given in local time.
        var start = new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(0, 150).Select(i => new ContactHourlyRollup
        {
            WorkspaceId = workspace,
            Hour = start.AddHours(i),
            ContactId = contact,
            Messages = i + 1,
            Exchanges = i % 3,
            ExchangeGrowth = i * 0.125,
            PreviousHour = i == 0 ? null : start.AddHours(i - 1).ToOffset(TimeSpan.FromHours(2)),
            NextHour = i == 149 ? null : start.AddHours(i + 1),
            PreviousExchangeHour = i % 2 == 0 ? null : start,
            GrowthToDate = i * 1.5,
        }).ToList();
        var terms = rows.Select(r => new TermHourlyRollup { WorkspaceId = workspace, Hour = r.Hour, Term = r.Messages % 2 == 0 ? "pan" : "#roscón", Mentions = r.Messages }).ToList();

        await using (var db = App.Db())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await RowInserter.InsertAsync(db, rows, CancellationToken.None);
            await RowInserter.InsertAsync(db, terms, CancellationToken.None);
            Assert.Empty(db.ChangeTracker.Entries());
            await tx.CommitAsync();
        }

        await using (var db = App.Db())
        {
            var read = await db.Set<ContactHourlyRollup>().AsNoTracking().Where(r => r.WorkspaceId == workspace).ToListAsync();
            Assert.Equal(Describe(rows), Describe(read));
            // Stored as instants: the rows are found by time, as the insights read them.
            Assert.Equal(24, await db.Set<ContactHourlyRollup>().CountAsync(r => r.WorkspaceId == workspace && r.Hour >= start.AddDays(1) && r.Hour < start.AddDays(2)));
            Assert.Equal(75, await db.Set<ContactHourlyRollup>().CountAsync(r => r.WorkspaceId == workspace && r.PreviousExchangeHour == null));
            var readTerms = await db.Set<TermHourlyRollup>().AsNoTracking().Where(r => r.WorkspaceId == workspace).ToListAsync();
            Assert.Equal(terms.Select(t => $"{t.Hour.UtcTicks} {t.Term} {t.Mentions}").Order(), readTerms.Select(t => $"{t.Hour.UtcTicks} {t.Term} {t.Mentions}").Order());
        }
    }

    [Fact]
    public async Task Rows_written_in_a_transaction_rolled_back_are_gone()
    {
        var workspace = await App.CreateWorkspaceAsync("Filas deshechas");
        await using (var db = App.Db())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await RowInserter.InsertAsync(db, [new TermHourlyRollup { WorkspaceId = workspace, Hour = DateTimeOffset.UtcNow, Term = "pan", Mentions = 1 }], CancellationToken.None);
            Assert.Equal(1, await db.Set<TermHourlyRollup>().CountAsync(r => r.WorkspaceId == workspace));
            await tx.RollbackAsync();
        }
        await using (var db = App.Db())
        {
            Assert.Equal(0, await db.Set<TermHourlyRollup>().CountAsync(r => r.WorkspaceId == workspace));
        }
    }

    private static IEnumerable<string> Describe(IEnumerable<ContactHourlyRollup> rows) => rows
        .Select(r => $"{r.Hour.UtcTicks} {r.Messages} {r.Exchanges} {r.ExchangeGrowth:R} p{r.PreviousHour?.UtcTicks} n{r.NextHour?.UtcTicks} x{r.PreviousExchangeHour?.UtcTicks} {r.GrowthToDate:R}")
        .Order();
}
