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
    /// <returns>The rows read, tracked.</returns>
    public static async Task<List<ContactHourlyRollup>> RelinkAsync(TertuliaDb db, int workspaceId, IReadOnlyCollection<int> contactIds, CancellationToken ct)
    {
        if (contactIds.Count == 0)
        {
            return [];
        }
        var ids = contactIds.ToList();
        var rows = await db.Set<ContactHourlyRollup>()
            .Where(r => r.WorkspaceId == workspaceId && EF.Parameter(ids).Contains(r.ContactId))
            .ToListAsync(ct);
        foreach (var chain in rows.GroupBy(r => r.ContactId))
        {
            Link(chain.OrderBy(r => r.Hour).ToList());
        }
        return rows;
    }

    /// <summary>
    /// Relinks the rows of <paramref name="contactIds"/> from <paramref name="since"/> on, carrying on from each
    /// contact's latest row before it, whose chain is already right: a new hour relinks the contact's newest rows, not
    /// their whole history, so storing a mention costs the same however long the customer has been writing. A contact
    /// whose earlier rows are not a consistent chain (never linked) is relinked whole. The caller saves.
    /// </summary>
    /// <returns>The rows read, tracked.</returns>
    public static async Task<List<ContactHourlyRollup>> RelinkSinceAsync(TertuliaDb db, int workspaceId, IReadOnlyCollection<int> contactIds, DateTimeOffset since, CancellationToken ct)
    {
        if (contactIds.Count == 0)
        {
            return [];
        }
        var ids = contactIds.ToList();
        var read = await db.Set<ContactHourlyRollup>()
            .Where(r => r.WorkspaceId == workspaceId && EF.Parameter(ids).Contains(r.ContactId) && r.Hour >= since)
            .ToListAsync(ct);
        var tails = read.ToLookup(r => r.ContactId);
        // In a linked chain exactly one row before `since` points past it (or is the contact's latest): its predecessor.
        var before = await db.Set<ContactHourlyRollup>()
            .Where(r => r.WorkspaceId == workspaceId && EF.Parameter(ids).Contains(r.ContactId) && r.Hour < since
                && (r.NextHour == null || r.NextHour >= since))
            .ToListAsync(ct);
        read.AddRange(before);
        var seeds = before.ToLookup(r => r.ContactId);
        var whole = new List<int>();
        foreach (var contact in ids)
        {
            var tail = tails[contact].OrderBy(r => r.Hour).ToList();
            var seed = seeds[contact].ToList();
            if (seed.Count > 1 || (seed.Count == 1 && !LooksLinked(seed[0])))
            {
                whole.Add(contact);
                continue;
            }
            if (seed.Count == 0)
            {
                Link(tail);
                continue;
            }
            var previous = seed[0];
            var next = tail.Count > 0 ? (DateTimeOffset?)tail[0].Hour : null;
            if (previous.NextHour != next) previous.NextHour = next;
            Link(tail, previous.Hour, previous.Exchanges > 0 ? previous.Hour : previous.PreviousExchangeHour, previous.GrowthToDate);
        }
        read.AddRange(await RelinkAsync(db, workspaceId, whole, ct));
        return read;
    }

    // A contact's first row carries only its own growth and no earlier exchange; a row never linked has neither.
    private static bool LooksLinked(ContactHourlyRollup row) =>
        row.PreviousHour is not null || (row.PreviousExchangeHour is null && row.GrowthToDate == row.ExchangeGrowth);

    /// <summary>Sets the chain fields of one contact's rows, given in hour order.</summary>
    public static void Link(IReadOnlyList<ContactHourlyRollup> rows) => Link(rows, null, null, 0);

    /// <summary>Sets the chain fields of rows that follow an hour <paramref name="previousHour"/> already linked.</summary>
    private static void Link(IReadOnlyList<ContactHourlyRollup> rows, DateTimeOffset? previousHour, DateTimeOffset? lastExchange, double growth)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var exchangeGrowth = row.Exchanges * RelationshipStrength.Growth(row.Hour);
            growth += exchangeGrowth;
            Set(row, exchangeGrowth, i > 0 ? rows[i - 1].Hour : previousHour, i + 1 < rows.Count ? rows[i + 1].Hour : null, lastExchange, growth);
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
