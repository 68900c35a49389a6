using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tertulia.Alerts.Incidents;
using Tertulia.Ideas;
using Tertulia.Insights.Metrics;
using Tertulia.Insights.Report;
using Tertulia.Tests.Support;
using UglyToad.PdfPig;
using Xunit;

namespace Tertulia.Tests.Insights;

/// <summary>
/// The management report of the bakery's week, as HTML and PDF: the PDF is read back and its figures and sentences
/// are those the insights API gives for the same week.
/// </summary>
public class ReportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;
    private const string Week = "period=week&at=2026-11-04";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<PeriodInsights> InsightsAsync(int workspace) =>
        (await App.Http.GetFromJsonAsync<PeriodInsights>($"/api/workspaces/{workspace}/insights?{Week}", Json))!;

    private async Task<(string FirstPage, string All, int Pages, int FirstPageImages)> PdfAsync(int workspace, string culture = "es")
    {
        var response = await App.Http.GetAsync($"/api/workspaces/{workspace}/insights/report.pdf?{Week}&culture={culture}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (Environment.GetEnvironmentVariable("TERTULIA_TEST_KEEP_REPORTS") is { Length: > 0 } keep)
        {
            await File.WriteAllBytesAsync(Path.Combine(keep, $"report-{workspace}-{culture}.pdf"), bytes); // to look at it
        }
        using var document = PdfDocument.Open(bytes);
        // Words joined by single spaces, whatever line they were wrapped on.
        string Words(IEnumerable<UglyToad.PdfPig.Content.Page> pages) => string.Join(" ", pages.SelectMany(p => p.GetWords()).Select(w => w.Text));
        return (Words(document.GetPages().Take(1)), Words(document.GetPages()), document.NumberOfPages, document.GetPage(1).GetImages().Count());
    }

    private static string Es(double? value) => value!.Value.ToString("0.#", new CultureInfo("es")) + " %";

    [Fact]
    public async Task The_PDF_s_first_page_states_the_week_s_figures_as_the_API_gives_them_in_plain_Spanish()
    {
        var week = await BakeryWeek.CreateAsync(App, "Informe");
        var api = (await InsightsAsync(week.WorkspaceId)).Current;
        var before = (await InsightsAsync(week.WorkspaceId)).Previous;
        var (first, all, pages, images) = await PdfAsync(week.WorkspaceId);

        Assert.Equal(66.7, api.Response.Percent); // docs/insights.md's worked example
        Assert.Contains($"Respondisteis al {Es(api.Response.Percent)} de los clientes que esperaban respuesta ({api.Response.Part} de {api.Response.Whole}), en una mediana de 1 h 15 min.", first);
        Assert.Equal(75, api.MedianResponseMinutes);
        Assert.Equal(1, api.Response.Whole - api.Response.Part);
        Assert.Contains("1 cliente sigue esperando respuesta.", first);
        Assert.Contains($"El índice de monólogo bajó del {Es(before.Monologue.Percent)} al {Es(api.Monologue.Percent)}", first);
        Assert.Contains($"El {Es(api.Dialogue.Percent)} de vuestros mensajes respondía a alguien ({api.Dialogue.Part} de {api.Dialogue.Whole}).", first);
        Assert.Contains($"Se habló de vosotros {api.Mentions} veces ({before.Mentions} en el periodo anterior)", first);
        Assert.Equal(1, api.EngagedCommunity);
        Assert.Contains($"1 cliente conversó con vosotros de ida y vuelta; {api.ReturningCustomers} de los {api.ActiveCustomers} que escribieron", first);
        // The table of figures: this week beside the week before.
        Assert.Contains($"Índice de monólogo {Es(api.Monologue.Percent)} {Es(before.Monologue.Percent)}", first);
        Assert.Contains($"Tasa de respuesta {Es(api.Response.Percent)}", first);
        Assert.Contains($"Menciones {api.Mentions} {before.Mentions}", first);
        // Charts are drawn on the server into the PDF, under their titles.
        Assert.Contains("Volumen y sentimiento por día", first);
        Assert.Contains("Conversación: este periodo y el anterior", first);
        Assert.Equal(2, images);

        Assert.True(pages >= 2);
        Assert.Contains("Lo mejor que dijeron «¡Enhorabuena! El mejor pan de Valladolid» — Rosa,", all);
        Assert.DoesNotContain("rosa@correo.test", all); // a customer is named, their address is not handed round
        Assert.Contains("Las quejas más duras «Qué vergüenza, dos horas esperando y el pedido sin llegar»", all);
        Assert.Contains("No hubo incidentes.", all);
        Assert.DoesNotContain("Gana dinero", all); // spam is quoted nowhere
    }

    [Fact]
    public async Task In_English_the_same_figures_read_in_English()
    {
        var week = await BakeryWeek.CreateAsync(App, "Report");
        var api = (await InsightsAsync(week.WorkspaceId)).Current;
        var (first, _, _, _) = await PdfAsync(week.WorkspaceId, "en");

        Assert.Contains($"You answered {api.Response.Percent!.Value.ToString("0.#", CultureInfo.InvariantCulture)} % of the customers who were waiting for an answer (2 of 3), in a median of 1 h 15 min.", first);
        Assert.Contains("The monologue index fell from 100 % to 25 %", first);
        Assert.Contains("Management report", first);
    }

    [Fact]
    public async Task The_report_names_the_open_ideas_and_the_incidents_of_the_period()
    {
        var week = await BakeryWeek.CreateAsync(App, "Informe con ideas");
        await using (var db = App.Db())
        {
            var rule = db.AlertRules.First(r => r.WorkspaceId == week.WorkspaceId).Id;
            var gluten = new Idea { WorkspaceId = week.WorkspaceId, Title = "Pan sin gluten", Status = IdeaStatus.UnderReview, CreatedAt = BakeryWeek.Monday };
            var done = new Idea { WorkspaceId = week.WorkspaceId, Title = "Abrir los domingos", Status = IdeaStatus.Done, CreatedAt = BakeryWeek.Monday };
            db.Ideas.AddRange(gluten, done);
            await db.SaveChangesAsync();
            var mention = db.Mentions.Single(m => m.WorkspaceId == week.WorkspaceId && m.ExternalId == "q2@correo.test");
            db.Suggestions.Add(new Suggestion { WorkspaceId = week.WorkspaceId, IdeaId = gluten.Id, MentionId = mention.Id, At = mention.Published, Terms = "pan gluten" });
            db.Incidents.AddRange(
                new Incident { WorkspaceId = week.WorkspaceId, RuleId = rule, Title = "Quejas por retrasos", Size = 7, Level = 2,
                    OpenedAt = BakeryWeek.Monday.AddDays(2), StartedAt = BakeryWeek.Monday.AddDays(2), LastSignalAt = BakeryWeek.Monday.AddDays(2), ClosedAt = BakeryWeek.Monday.AddDays(3) },
                new Incident { WorkspaceId = week.WorkspaceId, RuleId = rule, Title = "Una de octubre", Size = 3,
                    OpenedAt = BakeryWeek.PreviousMonday.AddDays(-10), StartedAt = BakeryWeek.PreviousMonday.AddDays(-10), LastSignalAt = BakeryWeek.PreviousMonday.AddDays(-10), ClosedAt = BakeryWeek.PreviousMonday.AddDays(-9) });
            await db.SaveChangesAsync();
        }

        var report = (await App.Http.GetFromJsonAsync<ManagementReport>($"/api/workspaces/{week.WorkspaceId}/insights/report?{Week}", Json))!;
        Assert.Equal(["Pan sin gluten"], report.OpenIdeas.Select(i => i.Title));
        Assert.Equal((1, 1), (report.OpenIdeas[0].Suggestions, report.OpenIdeas[0].SuggestionsInPeriod));
        Assert.Equal(["Quejas por retrasos"], report.Incidents.Select(i => i.Title));
        Assert.Contains("Hubo 1 incidente, «Quejas por retrasos», que reunió 7 menciones.", report.Headlines);

        var (_, all, _, _) = await PdfAsync(week.WorkspaceId);
        Assert.Contains("Ideas abiertas • Pan sin gluten (en estudio) — 1 cliente la pidió (1 en este periodo)", all);
        Assert.Contains("Quejas por retrasos — 7 menciones, nivel 2, cerrado el", all);
    }

    [Fact]
    public async Task The_HTML_report_shows_the_same_sentences_its_charts_as_images_and_links_to_its_PDF()
    {
        var week = await BakeryWeek.CreateAsync(App, "Informe <b>web</b>");
        var report = (await App.Http.GetFromJsonAsync<ManagementReport>($"/api/workspaces/{week.WorkspaceId}/insights/report?{Week}", Json))!;
        var html = await App.Http.GetStringAsync($"/w/{week.WorkspaceId}/insights/report?{Week}");

        var text = WebUtility.HtmlDecode(html);
        foreach (var line in report.Headlines)
        {
            Assert.Contains($"<li>{line}</li>", text);
        }
        Assert.Contains($"href=\"/api/workspaces/{week.WorkspaceId}/insights/report.pdf?{Week}\"", html.Replace("&amp;", "&"));
        Assert.Contains("<img src=\"data:image/svg+xml;base64,", text);
        Assert.Contains("id=\"rep-trend\"", html);
        Assert.DoesNotContain("<b>web</b>", html);
        Assert.Equal(HttpStatusCode.BadRequest, (await App.Http.GetAsync($"/api/workspaces/{week.WorkspaceId}/insights/report.pdf?period=fortnight")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.GetAsync("/api/workspaces/999999/insights/report.pdf")).StatusCode);
    }
}
