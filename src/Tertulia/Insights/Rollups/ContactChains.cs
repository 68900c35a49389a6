using Microsoft.EntityFrameworkCore;
using Tertulia.Contacts;
using Tertulia.Storage;

namespace Tertulia.Insights.Rollups;

/// <summary>
/// Links each contact's hour rows in time order (previous and next hour, the latest earlier hour with an exchange,
/// the growth of their exchanges to date), so a period's customers are counted from the period's own rows. A
/// rebuild relinks every contact whose rows it touched; a contact has a few rows an active month.
/// </summary>
public static class ContactChains
{
    /// <summary>Relinks all rows of <paramref name="contactIds"/> in the workspace; the caller saves.</summary>
    public static async Task RelinkAsync(TertuliaDb db, int workspaceId, IReadOnlyCollection<int> contactIds, CancellationToken ct)
    {
        if (contactIds.Count == 0)
        {
            return;
        }
        var ids = contactIds.ToList();
        var rows = await db.Set<ContactHourlyRollup>()
            .Where(r => r.WorkspaceId == workspaceId && EF.Parameter(ids).Contains(r.ContactId))
            .ToListAsync(ct);
        foreach (var chain in rows.GroupBy(r => r.ContactId))
        {
            Link(chain.OrderBy(r => r.Hour).ToList());
        }
    }

    /// <summary>Sets the chain fields of one contact's rows, given in hour order.</summary>
    public static void Link(IReadOnlyList<ContactHourlyRollup> rows)
    {
        DateTimeOffset? lastExchange = null;
        var growth = 0.0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var exchangeGrowth = row.Exchanges * RelationshipStrength.Growth(row.Hour);
            growth += exchangeGrowth;
            Set(row, exchangeGrowth, i > 0 ? rows[i - 1].Hour : null, i + 1 < rows.Count ? rows[i + 1].Hour : null, lastExchange, growth);
            if (row.Exchanges > 0)
            {
                lastExchange = row.Hour;
            }
        }
    }

    // Only what changed is written: relinking a long history after one new hour updates one or two rows.
    private static void Set(ContactHourlyRollup row, double exchangeGrowth, DateTimeOffset? previous, DateTimeOffset? next, DateTimeOffset? previousExchange, double growth)
    {
        if (row.ExchangeGrowth != exchangeGrowth) row.ExchangeGrowth = exchangeGrowth;
        if (row.PreviousHour != previous) row.PreviousHour = previous;
        if (row.NextHour != next) row.NextHour = next;
        if (row.PreviousExchangeHour != previousExchange) row.PreviousExchangeHour = previousExchange;
        if (row.GrowthToDate != growth) row.GrowthToDate = growth;
    }
}
