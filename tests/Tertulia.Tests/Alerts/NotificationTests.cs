using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Alerts.Notifications;
using Tertulia.Channels.Webhooks;
using Tertulia.Tests.Channels;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Alerts;

/// <summary>Alerts reach people where they want them: the top bar, a signed webhook retried until it lands, email after quiet hours.</summary>
public sealed class NotificationTests(AlertsFixture fixture) : IClassFixture<AlertsFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task A_webhook_that_fails_its_first_tries_gets_the_alert_signed_with_one_event_id_and_then_no_more()
    {
        await using var receiver = new WebhookReceiver { FailFirst = 2 };
        var world = await AlertWorld.CreateAsync(App);
        var created = await App.Http.PostAsJsonAsync($"/api/workspaces/{world.Workspace}/alerts/webhooks", new { url = receiver.Url });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;

        await world.SayAsync("Os voy a denunciar, el pastel me sentó fatal: intoxicación de manual");

        await TestApp.Eventually(() => Task.FromResult(receiver.Calls.Any(c => c.Answer == HttpStatusCode.OK)), "the webhook to land");
        await Task.Delay(1500); // nothing more comes once it landed
        var calls = receiver.Calls.ToList();
        Assert.Equal(3, calls.Count);
        Assert.Single(calls.Select(c => c.EventId).Distinct());
        Assert.All(calls, c => Assert.True(WebhookSignature.IsValid(secret, c.Body, c.Signature), "signature"));
        Assert.True(calls[2].At - calls[1].At > calls[1].At - calls[0].At - TimeSpan.FromMilliseconds(100), "the back-off grows");
        var payload = JsonDocument.Parse(calls[2].Body).RootElement;
        Assert.Equal("incident.opened", payload.GetProperty("type").GetString());
        Assert.Equal(calls[0].EventId, payload.GetProperty("id").GetString());
        await using var db = App.Db();
        var delivery = await db.AlertDeliveries.SingleAsync(d => d.WorkspaceId == world.Workspace && d.Kind == DeliveryKind.Webhook);
        Assert.Equal((DeliveryState.Sent, 3), (delivery.State, delivery.Attempts));
    }

    [Fact]
    public async Task A_webhook_address_must_be_absolute_http()
    {
        var world = await AlertWorld.CreateAsync(App);
        var response = await App.Http.PostAsJsonAsync($"/api/workspaces/{world.Workspace}/alerts/webhooks", new { url = "javascript:alert(1)" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_top_bar_shows_a_members_unread_alerts_and_opening_them_marks_them_read()
    {
        var world = await AlertWorld.CreateAsync(App);
        var viewer = App.ClientAs(await App.UserForAsync(WorkspaceRole.Viewer, world.Workspace));
        var stranger = App.ClientAs(await TestUsers.EnsureAsync(App.Services, TestUsers.NewEmail("ajena")));

        await world.SayAsync("Ojo alérgicos: la tarta 'sin frutos secos' llevaba almendra");

        await TestApp.Eventually(async () => (await world.UnreadAsync(viewer)).GetProperty("count").GetInt32() == 1, "the viewer's top bar");
        var latest = (await world.UnreadAsync(viewer)).GetProperty("latest")[0];
        Assert.Contains("Mención de riesgo", latest.GetProperty("text").GetString());
        Assert.Equal(0, (await world.UnreadAsync(stranger)).GetProperty("count").GetInt32());

        var incidentId = latest.GetProperty("incidentId").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await viewer.PostAsync($"/api/alerts/read?incidentId={incidentId}", null)).StatusCode);
        Assert.Equal(0, (await world.UnreadAsync(viewer)).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_person_who_wants_only_escalations_is_not_told_of_a_new_incident()
    {
        var world = await AlertWorld.CreateAsync(App);
        var calm = await App.UserForAsync(WorkspaceRole.Agent, world.Workspace);
        using var client = App.ClientAs(calm);
        var set = await client.PutAsJsonAsync($"/api/workspaces/{world.Workspace}/alerts/preferences",
            new { inApp = true, email = false, minLevel = 2, quietFromHour = 22, quietToHour = 8, timeZone = "Europe/Madrid" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var bad = await client.PutAsJsonAsync($"/api/workspaces/{world.Workspace}/alerts/preferences",
            new { inApp = true, email = false, minLevel = 1, quietFromHour = 25, quietToHour = 8, timeZone = "Europe/Madrid" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        await world.SayAsync("Timo total, me cobraron dos veces la tarta");
        await TestApp.Eventually(async () => (await world.UnreadAsync(App.Http)).GetProperty("count").GetInt32() >= 1, "the owner's alert");

        Assert.Equal(0, (await world.UnreadAsync(client)).GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("2026-12-05T23:30:00+00:00", "2026-12-06T07:00:00+00:00")] // 00:30 in Madrid → 08:00 Madrid
    [InlineData("2026-12-05T12:00:00+00:00", "2026-12-05T12:00:00+00:00")] // 13:00 in Madrid: not quiet
    [InlineData("2026-07-05T21:30:00+00:00", "2026-07-06T06:00:00+00:00")] // 23:30 in summer time → 08:00 CEST
    public void Emails_wait_for_the_end_of_quiet_hours_in_the_persons_time_zone(string now, string expected)
    {
        var pref = new AlertPreference { WorkspaceId = 1, UserId = "u", QuietFromHour = 22, QuietToHour = 8, TimeZone = "Europe/Madrid" };
        Assert.Equal(DateTimeOffset.Parse(expected), QuietHours.NextAllowed(pref, DateTimeOffset.Parse(now)));
    }
}

/// <summary>The alert email goes through the real Postfix and is read back from Dovecot over IMAP.</summary>
public sealed class AlertMailTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private readonly string _sender = MailServer.NewAddress("tertulia");

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(AlertsFixture.Settings)
        {
            ["Tertulia:Smtp:Host"] = "127.0.0.1",
            ["Tertulia:Smtp:Port"] = MailServer.SmtpPort.ToString(),
            ["Tertulia:Smtp:Security"] = "None",
            ["Tertulia:Smtp:From"] = $"Tertulia <{_sender}>",
            ["Tertulia:Smtp:UserName"] = _sender,
            ["Tertulia:Smtp:Password"] = MailServer.Password,
            ["Tertulia:Smtp:PublicUrl"] = "https://tertulia.horno.example",
        };
        _app = await TestApp.StartAsync(settings: settings);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_member_gets_the_alert_by_email_with_the_link_to_the_crisis_room()
    {
        var world = await AlertWorld.CreateAsync(_app, "Pastelería Zorrilla");
        var address = MailServer.NewAddress("marisa");
        var person = await TestUsers.EnsureAsync(_app.Services, address);
        await TestUsers.AddMemberAsync(_app.Services, world.Workspace, person, WorkspaceRole.Agent);

        await world.SayAsync("He llamado a un abogado. Lo de ayer con la alergia de mi hijo no tiene nombre");

        var mail = (await MailServer.WaitForMessagesAsync(address, 1, timeoutSeconds: 40)).Single();
        Assert.Contains("Alerta", mail.Subject);
        Assert.Contains("Pastelería Zorrilla", mail.Subject);
        var incident = (await world.IncidentsAsync()).Single();
        Assert.Contains($"https://tertulia.horno.example/w/{world.Workspace}/alerts/incidents/{incident.Id}", mail.TextBody);
    }
}
