using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Tertulia.Access;
using Tertulia.Insights.Delivery;
using Tertulia.Insights.Metrics;
using Tertulia.Tests.Channels;
using Tertulia.Tests.Support;
using UglyToad.PdfPig;
using Xunit;

namespace Tertulia.Tests.Insights;

/// <summary>
/// The scheduled management report, through the real Postfix and read back from Dovecot over IMAP: the managing
/// director, who has no Tertulia account, gets last week's PDF and its figures are the API's.
/// </summary>
public sealed class ReportDeliveryTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private readonly string _sender = MailServer.NewAddress("tertulia");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Tertulia:Smtp:Host"] = "127.0.0.1",
            ["Tertulia:Smtp:Port"] = MailServer.SmtpPort.ToString(),
            ["Tertulia:Smtp:Security"] = "None",
            ["Tertulia:Smtp:From"] = $"Tertulia <{_sender}>",
            ["Tertulia:Smtp:UserName"] = _sender,
            ["Tertulia:Smtp:Password"] = MailServer.Password,
            ["Tertulia:Smtp:PublicUrl"] = "https://tertulia.horno.example",
            ["Tertulia:Insights:ReportTick"] = "00:00:00.500",
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The bakery's week moved to the last whole week before today, so "last week's report" is about it.</summary>
    private async Task<(BakeryWeek Week, InsightsPeriod Period)> LastWeekAsync(string name)
    {
        var period = ReportCalendar.LastWhole(ReportCadence.Weekly, DateTimeOffset.UtcNow, Madrid);
        var shift = period.From.DayNumber - DateOnly.FromDateTime(BakeryWeek.Monday.UtcDateTime).DayNumber;
        var messages = BakeryWeek.Messages.Select(m => m with { Published = m.Published?.AddDays(shift) }).ToList();
        return (await BakeryWeek.CreateAsync(_app, name, messages), period);
    }

    private static string PdfText(MimeMessage mail, out string fileName)
    {
        var pdf = mail.Attachments.OfType<MimePart>().Single(a => a.ContentType.MimeType == "application/pdf");
        fileName = pdf.FileName ?? "";
        using var bytes = new MemoryStream();
        pdf.Content!.DecodeTo(bytes);
        using var document = PdfDocument.Open(bytes.ToArray());
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    [Fact]
    public async Task The_managing_director_gets_last_week_s_report_by_email_with_the_PDF_whose_figures_are_the_API_s()
    {
        var (week, period) = await LastWeekAsync("Horno El Candeal");
        var director = MailServer.NewAddress("directora");
        var created = await _app.Http.PostAsJsonAsync($"/api/workspaces/{week.WorkspaceId}/insights/report-schedules",
            new { recipients = new[] { $"Directora <{director}>" }, cadence = "weekly", language = "es" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var schedule = (await created.Content.ReadFromJsonAsync<ReportSchedulesApi.ScheduleDto>(Json))!;
        Assert.Equal([director], schedule.Recipients);
        // Next Monday, 8:00 in Madrid.
        var local = TimeZoneInfo.ConvertTime(schedule.NextRunAt, Madrid);
        Assert.Equal((DayOfWeek.Monday, 8, 0), (local.DayOfWeek, local.Hour, local.Minute));
        Assert.True(schedule.NextRunAt > DateTimeOffset.UtcNow);

        var sent = await _app.Http.PostAsync($"/api/workspaces/{week.WorkspaceId}/insights/report-schedules/{schedule.Id}/send", null);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

        var mail = (await MailServer.WaitForMessagesAsync(director, 1, timeoutSeconds: 60)).Single();
        Assert.Contains("Informe de gestión · Horno El Candeal", mail.Subject);
        Assert.Contains($"https://tertulia.horno.example/w/{week.WorkspaceId}/insights/report?period=week&at={period.From:yyyy-MM-dd}", mail.TextBody);
        var api = (await _app.Http.GetFromJsonAsync<PeriodInsights>($"/api/workspaces/{week.WorkspaceId}/insights?period=week&at={period.From:yyyy-MM-dd}", Json))!;
        var text = PdfText(mail, out var fileName);
        Assert.Equal($"informe-horno-el-candeal-{period.From:yyyy-MM-dd}-{period.To:yyyy-MM-dd}.pdf", fileName);
        var es = new CultureInfo("es");
        Assert.Equal(66.7, api.Current.Response.Percent);
        Assert.Contains($"Respondisteis al {api.Current.Response.Percent!.Value.ToString("0.#", es)} % de los clientes que esperaban respuesta ({api.Current.Response.Part} de {api.Current.Response.Whole})", text);
        Assert.Contains($"Índice de monólogo {api.Current.Monologue.Percent!.Value.ToString("0.#", es)} % {api.Previous.Monologue.Percent!.Value.ToString("0.#", es)} %", text);
        Assert.Contains($"Menciones {api.Current.Mentions} {api.Previous.Mentions}", text);
        // The mail's text says the same sentences.
        Assert.Contains("• Respondisteis al 66,7 %", mail.TextBody);

        await TestApp.Eventually(async () => (await _app.Http.GetFromJsonAsync<List<ReportSchedulesApi.DeliveryDto>>(
            $"/api/workspaces/{week.WorkspaceId}/insights/report-schedules/{schedule.Id}/deliveries", Json))!.Single().State == "sent", "the delivery is recorded as sent");
    }

    [Fact]
    public async Task A_due_schedule_sends_once_per_period_and_recipient_in_its_language_and_moves_to_the_next_period()
    {
        var (week, period) = await LastWeekAsync("Obrador Zorrilla");
        var director = MailServer.NewAddress("director");
        var created = await _app.Http.PostAsJsonAsync($"/api/workspaces/{week.WorkspaceId}/insights/report-schedules",
            new { recipients = new[] { director }, cadence = "weekly", language = "en" });
        var schedule = (await created.Content.ReadFromJsonAsync<ReportSchedulesApi.ScheduleDto>(Json))!;

        // Its time comes (as if it were Monday morning): the mailer plans it; planning again adds nothing.
        await using (var db = _app.Db())
        {
            var row = db.Set<ReportSchedule>().Single(s => s.Id == schedule.Id);
            row.NextRunAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }
        var mailer = _app.Services.GetRequiredService<ReportMailer>();
        await mailer.PlanAsync(CancellationToken.None);
        await using (var db = _app.Db())
        {
            var row = db.Set<ReportSchedule>().Single(s => s.Id == schedule.Id);
            row.NextRunAt = DateTimeOffset.UtcNow.AddMinutes(-1); // a second node, or a restart, sees it due again
            await db.SaveChangesAsync();
        }
        await mailer.PlanAsync(CancellationToken.None);

        var mail = (await MailServer.WaitForMessagesAsync(director, 1, timeoutSeconds: 60)).Single();
        Assert.Contains("Management report · Obrador Zorrilla", mail.Subject);
        var text = PdfText(mail, out var fileName);
        Assert.StartsWith("report-obrador-zorrilla-", fileName);
        Assert.Contains("You answered 66.7 % of the customers who were waiting for an answer (2 of 3)", text);

        await TestApp.Eventually(async () => (await _app.Http.GetFromJsonAsync<List<ReportSchedulesApi.DeliveryDto>>(
            $"/api/workspaces/{week.WorkspaceId}/insights/report-schedules/{schedule.Id}/deliveries", Json))!.All(d => d.State == "sent"), "sent");
        var deliveries = (await _app.Http.GetFromJsonAsync<List<ReportSchedulesApi.DeliveryDto>>(
            $"/api/workspaces/{week.WorkspaceId}/insights/report-schedules/{schedule.Id}/deliveries", Json))!;
        var only = Assert.Single(deliveries);
        Assert.Equal(("scheduled", period.From, period.To), (only.Trigger, only.PeriodFrom, only.PeriodTo));
        await Task.Delay(1500);
        Assert.Single(await MailServer.WaitForMessagesAsync(director, 1, timeoutSeconds: 5));
        var next = (await _app.Http.GetFromJsonAsync<List<ReportSchedulesApi.ScheduleDto>>($"/api/workspaces/{week.WorkspaceId}/insights/report-schedules", Json))!.Single();
        Assert.True(next.NextRunAt > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Recipients_cadence_and_language_are_checked_and_only_owners_and_admins_may_set_them()
    {
        var workspace = await _app.CreateWorkspaceAsync("Horno de prueba");
        var url = $"/api/workspaces/{workspace}/insights/report-schedules";
        var bad = await _app.Http.PostAsJsonAsync(url, new { recipients = new[] { "gerencia@horno.test, no es un correo" }, cadence = "daily", language = "fr" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("no es un correo", problem);
        Assert.Contains("cadence", problem);
        Assert.Contains("language", problem);
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Http.PostAsJsonAsync(url, new { recipients = Array.Empty<string>() })).StatusCode);

        var ok = await _app.Http.PostAsJsonAsync(url, new { recipients = new[] { "gerencia@horno.test; Ana <ana@horno.test>\nGERENCIA@horno.test" } });
        var schedule = (await ok.Content.ReadFromJsonAsync<ReportSchedulesApi.ScheduleDto>(Json))!;
        Assert.Equal(["gerencia@horno.test", "ana@horno.test"], schedule.Recipients);
        Assert.Equal(("monthly", "es"), (schedule.Cadence, schedule.Language));
        var local = TimeZoneInfo.ConvertTime(schedule.NextRunAt, Madrid);
        Assert.Equal((1, 8), (local.Day, local.Hour));

        using var agent = await _app.ClientForAsync(WorkspaceRole.Agent, workspace);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync($"{url}/{schedule.Id}/send", null)).StatusCode);
        var other = await _app.CreateWorkspaceAsync("Otro horno");
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Http.DeleteAsync($"/api/workspaces/{other}/insights/report-schedules/{schedule.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _app.Http.DeleteAsync($"{url}/{schedule.Id}")).StatusCode);
    }
}
