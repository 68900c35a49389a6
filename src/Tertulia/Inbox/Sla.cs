namespace Tertulia.Inbox;

/// <summary>
/// Where a conversation stands against its workspace's targets: the first answer is due <see cref="InboxSettings.FirstResponseMinutes"/>
/// after the customer wrote, the resolution <see cref="InboxSettings.ResolutionMinutes"/> after. Null parts: no target set.
/// </summary>
public sealed record Sla(
    DateTimeOffset? FirstResponseDueAt, bool FirstResponseBreached,
    DateTimeOffset? ResolutionDueAt, bool ResolutionBreached)
{
    /// <summary>The nearest target still running (for "time left" in the list); null when none runs.</summary>
    public DateTimeOffset? NextDueAt { get; init; }

    public static Sla Of(Conversation c, InboxSettings? settings, DateTimeOffset now)
    {
        DateTimeOffset? firstDue = settings?.FirstResponseMinutes is { } f ? c.CreatedAt.AddMinutes(f) : null;
        DateTimeOffset? resolveDue = settings?.ResolutionMinutes is { } r ? c.CreatedAt.AddMinutes(r) : null;
        var firstBreached = firstDue is { } fd && (c.FirstResponseAt ?? now) > fd;
        var resolved = c.Status == ConversationStatus.Resolved ? c.ResolvedAt : null;
        var resolveBreached = resolveDue is { } rd && (resolved ?? now) > rd;
        DateTimeOffset? next = null;
        if (firstDue is not null && c.FirstResponseAt is null)
        {
            next = firstDue;
        }
        if (resolveDue is not null && resolved is null && (next is null || resolveDue < next))
        {
            next = resolveDue;
        }
        return new Sla(firstDue, firstBreached, resolveDue, resolveBreached) { NextDueAt = next };
    }
}
