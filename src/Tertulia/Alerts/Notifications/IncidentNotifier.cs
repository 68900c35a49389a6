using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tertulia.Access;
using Tertulia.Alerts.Incidents;
using Tertulia.Storage;

namespace Tertulia.Alerts.Notifications;

/// <summary>
/// Tells of an incident's opening or escalation, inside the transaction that decided it: an in-app notification for
/// each member who wants it, an email (in the outbox, held through quiet hours) and a call of each webhook. Keys are
/// unique per event and target, so a second node deciding the same never sends twice.
/// </summary>
public sealed class IncidentNotifier(IOptions<SmtpOptions> smtp, AlertDeliveries deliveries, TimeProvider clock)
{
    public async Task RecordAsync(TertuliaDb db, Incident incident, string eventKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var workspace = await db.Workspaces.AsNoTracking().SingleAsync(w => w.Id == incident.WorkspaceId, ct);
        var kind = incident.Level <= 1 ? "incident.opened" : "incident.escalated";
        var link = $"{(smtp.Value.PublicUrl ?? "").TrimEnd('/')}/w/{incident.WorkspaceId}/alerts/incidents/{incident.Id}";
        var summary = $"{incident.Title} · {workspace.Name}: {incident.Size} menciones"
            + (incident.Level > 1 ? $" · nivel {incident.Level}" : "");

        var members = await (from m in db.WorkspaceMembers.AsNoTracking()
                             join u in db.Set<IdentityUser>().AsNoTracking() on m.UserId equals u.Id
                             where m.WorkspaceId == incident.WorkspaceId
                             select new { m.UserId, u.Email }).ToListAsync(ct);
        var preferences = await db.AlertPreferences.AsNoTracking().Where(p => p.WorkspaceId == incident.WorkspaceId)
            .ToDictionaryAsync(p => p.UserId, ct);
        foreach (var member in members)
        {
            var pref = preferences.GetValueOrDefault(member.UserId) ?? new AlertPreference { WorkspaceId = incident.WorkspaceId, UserId = member.UserId };
            if (incident.Level < pref.MinLevel)
            {
                continue;
            }
            if (pref.InApp)
            {
                db.AlertNotifications.Add(new AlertNotification
                {
                    WorkspaceId = incident.WorkspaceId, UserId = member.UserId, IncidentId = incident.Id, EventKey = eventKey,
                    Text = Storage.BoundedText.Clip(summary, 500), At = now,
                });
            }
            if (pref.Email && !string.IsNullOrWhiteSpace(member.Email) && !string.IsNullOrWhiteSpace(smtp.Value.Host))
            {
                db.AlertDeliveries.Add(new AlertDelivery
                {
                    WorkspaceId = incident.WorkspaceId, IncidentId = incident.Id, EventKey = eventKey, Kind = DeliveryKind.Email,
                    Target = member.Email!, CreatedAt = now, NextAttemptAt = QuietHours.NextAllowed(pref, now),
                    Subject = Storage.BoundedText.Clip($"[Tertulia] {(incident.Level > 1 ? "Escala" : "Alerta")}: {incident.Title} · {workspace.Name}", 300),
                    Body = MailText(incident, workspace.Name, link),
                });
            }
        }

        var webhooks = await db.AlertWebhooks.AsNoTracking().Where(w => w.WorkspaceId == incident.WorkspaceId && w.Enabled).ToListAsync(ct);
        foreach (var webhook in webhooks)
        {
            var body = JsonSerializer.Serialize(new
            {
                id = eventKey,
                type = kind,
                occurredAt = now,
                workspace = new { id = workspace.Id, name = workspace.Name },
                incident = new
                {
                    id = incident.Id, title = incident.Title, level = incident.Level, status = incident.Status.ToString().ToLowerInvariant(),
                    size = incident.Size, peakObserved = incident.PeakObserved, peakExpected = Math.Round(incident.PeakExpected, 2),
                    windowHours = incident.WindowHours, startedAt = incident.StartedAt, openedAt = incident.OpenedAt, url = link,
                },
            }, JsonSerializerOptions.Web);
            db.AlertDeliveries.Add(new AlertDelivery
            {
                WorkspaceId = incident.WorkspaceId, IncidentId = incident.Id, EventKey = eventKey, Kind = DeliveryKind.Webhook,
                Target = webhook.Id.ToString(), Subject = kind, Body = body, CreatedAt = now, NextAttemptAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>After the deciding transaction committed: send what was recorded now (the top bars ask on their own).</summary>
    public void Committed() => deliveries.Wake();

    private static string MailText(Incident incident, string workspace, string link) => $"""
        {incident.Title} — {workspace}

        Tertulia ha detectado una tormenta de conversación: {incident.Size} menciones desde {incident.StartedAt:dd/MM HH:mm} UTC
        (en {incident.WindowHours} h: {incident.PeakObserved}, cuando lo normal serían unas {incident.PeakExpected:0.#}).
        Nivel {incident.Level}. Abre la sala de crisis para ver qué se dice, quién ha preguntado y qué falta por hacer:
        {link}

        --
        Tertulia detected a storm of conversation: {incident.Size} mentions since {incident.StartedAt:yyyy-MM-dd HH:mm} UTC
        ({incident.PeakObserved} in {incident.WindowHours} h, about {incident.PeakExpected:0.#} expected). Level {incident.Level}.
        Open the crisis room: {link}
        """;
}

/// <summary>When an email may go out under a person's quiet hours (in their time zone).</summary>
public static class QuietHours
{
    public static DateTimeOffset NextAllowed(AlertPreference pref, DateTimeOffset now)
    {
        if (pref.QuietFromHour is not { } from || pref.QuietToHour is not { } to || from == to)
        {
            return now;
        }
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(pref.TimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            zone = TimeZoneInfo.Utc;
        }
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var hour = local.Hour;
        var quiet = from < to ? hour >= from && hour < to : hour >= from || hour < to;
        if (!quiet)
        {
            return now;
        }
        var end = new DateTime(local.Year, local.Month, local.Day, to, 0, 0, DateTimeKind.Unspecified);
        if (hour >= to)
        {
            end = end.AddDays(1);
        }
        return new DateTimeOffset(end, zone.GetUtcOffset(end)).ToUniversalTime();
    }
}
