using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tertulia.Access;
using Tertulia.Assessment;
using Tertulia.Ingestion;
using Tertulia.Tests.Support;
using UglyToad.PdfPig;

namespace Tertulia.Tests.Assessment;

/// <summary>The readiness check on a running Tertulia: evidence from the workspace's own mentions and inbox, attempts compared, the PDF, clients' links.</summary>
public sealed partial class ReadinessCheckTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    private static readonly Dictionary<string, string[]> Guesses = new()
    {
        ["competition"] = ["active"], ["protocol"] = ["written"], ["resources"] = ["hours"], ["support"] = ["backing"],
        ["goals"] = ["service"], ["channels"] = ["instagram"],
    };

    /// <summary>Five customers' posts over the last ten days, one of them answered by the brand half an hour later.</summary>
    private async Task<int> ListeningWorkspaceAsync(string name)
    {
        var workspace = await App.CreateWorkspaceAsync(name);
        var channel = await App.AddChannelAsync(workspace);
        var now = DateTimeOffset.UtcNow;
        var posts = Enumerable.Range(1, 5).Select(i => Pipeline.Item($"p{i}", $"¿Tenéis pan de centeno el sábado? pregunta {i}", published: now.AddDays(-2 * i))).ToArray();
        await App.IngestAsync(channel, posts);
        await App.IngestAsync(channel, Pipeline.Item("r1", "Sí, desde las 8:00. ¡Te esperamos!", parent: "p1", published: now.AddDays(-2).AddMinutes(30)) with { FromBrand = true, Author = "Horno" });
        await TestApp.Eventually(async () =>
        {
            await using var db = App.Db();
            return await db.Conversations.CountAsync(c => c.WorkspaceId == workspace && c.FirstResponseAt != null) == 1;
        }, "the brand's answer counts as the first response");
        return workspace;
    }

    private static JsonElement Dimension(JsonElement attempt, string key) =>
        attempt.GetProperty("result").GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("key").GetString() == key);

    [Fact]
    public async Task Questions_the_workspace_can_answer_are_answered_by_its_mentions_and_inbox_and_the_attempt_keeps_that_evidence()
    {
        var workspace = await ListeningWorkspaceAsync("Horno La Espiga");

        var evidence = await App.Http.GetFromJsonAsync<JsonElement>($"/api/workspaces/{workspace}/readiness/evidence");
        var audience = evidence.GetProperty("audience");
        Assert.Equal(5, audience.GetProperty("mentions").GetInt32());
        Assert.Equal(5, audience.GetProperty("mentionsPerMonth").GetInt32());
        var channel = Assert.Single(audience.GetProperty("channels").EnumerateArray());
        Assert.Equal(("Test channel", "Feed", 5), (channel.GetProperty("name").GetString(), channel.GetProperty("kind").GetString(), channel.GetProperty("mentions").GetInt32()));
        var service = evidence.GetProperty("service");
        Assert.Equal((5, 1, 30.0), (service.GetProperty("conversations").GetInt32(), service.GetProperty("answered").GetInt32(), service.GetProperty("medianFirstResponseMinutes").GetDouble()));

        // The person guesses "every day" and "same day"; the data says weekly and rarely, and the data counts.
        var answers = new Dictionary<string, string[]>(Guesses) { ["audience"] = ["daily"], ["service"] = ["sameday"] };
        var response = await App.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/readiness/checks", new { answers, language = "es" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var attempt = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("daily", "weekly", 67), (Dimension(attempt, "audience").GetProperty("answer").GetString(), Dimension(attempt, "audience").GetProperty("evidenceAnswer").GetString(), Dimension(attempt, "audience").GetProperty("percent").GetInt32()));
        Assert.Equal(("sameday", "rarely", 0), (Dimension(attempt, "service").GetProperty("answer").GetString(), Dimension(attempt, "service").GetProperty("evidenceAnswer").GetString(), Dimension(attempt, "service").GetProperty("percent").GetInt32()));
        Assert.Equal(["blogs"], attempt.GetProperty("result").GetProperty("recommendation").GetProperty("channels").EnumerateArray().Select(c => c.GetString()).Take(1));

        // Later the team answers three more: taken again, the attempt shows the progress against the first one.
        var channelId = await ChannelOfAsync(workspace);
        var now = DateTimeOffset.UtcNow;
        for (var i = 2; i <= 5; i++)
        {
            await App.IngestAsync(channelId, Pipeline.Item($"r{i}", "¡Gracias por escribirnos!", parent: $"p{i}", published: now.AddDays(-2 * i).AddMinutes(20)) with { FromBrand = true, Author = "Horno" });
        }
        await TestApp.Eventually(async () =>
        {
            await using var db = App.Db();
            return await db.Conversations.CountAsync(c => c.WorkspaceId == workspace && c.FirstResponseAt != null) == 5;
        }, "every conversation answered");
        var again = await (await App.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/readiness/checks", new { answers = Guesses, language = "es" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("owned", Dimension(again, "service").GetProperty("evidenceAnswer").GetString());
        Assert.Equal(attempt.GetProperty("id").GetInt32(), again.GetProperty("previousId").GetInt32());
        Assert.Equal(100, again.GetProperty("changes").GetProperty("service").GetInt32());
        Assert.Equal(0, again.GetProperty("changes").GetProperty("audience").GetInt32());

        // The first attempt still reads with the evidence it was given.
        var first = await App.Http.GetFromJsonAsync<JsonElement>($"/api/workspaces/{workspace}/readiness/checks/{attempt.GetProperty("id").GetInt32()}");
        Assert.Equal("rarely", Dimension(first, "service").GetProperty("evidenceAnswer").GetString());
        var history = await App.Http.GetFromJsonAsync<JsonElement>($"/api/workspaces/{workspace}/readiness/checks");
        Assert.Equal([again.GetProperty("id").GetInt32(), attempt.GetProperty("id").GetInt32()], history.EnumerateArray().Select(a => a.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task Competitors_share_of_voice_comes_from_the_queries_marked_brand_and_competitor()
    {
        var workspace = await App.CreateWorkspaceAsync("Horno La Tahona");
        foreach (var (name, expression, role) in new[] { ("Marca", "\"La Tahona\"", "brand"), ("Competencia: Pan de Pueblo", "\"Pan de Pueblo\"", "competitor"), ("Tema", "centeno", "topic") })
        {
            var saved = await App.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/queries", new { name, expression, role });
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        }
        var channel = await App.AddChannelAsync(workspace);
        var now = DateTimeOffset.UtcNow;
        await App.IngestAsync(channel,
            Pipeline.Item("t1", "Qué bueno el pan de centeno de La Tahona", published: now.AddDays(-1)),
            Pipeline.Item("t2", "La Tahona abre el domingo, por fin", published: now.AddDays(-2)),
            Pipeline.Item("t3", "Cola en La Tahona esta mañana", published: now.AddDays(-3)),
            Pipeline.Item("t4", "Me quedo con Pan de Pueblo, más barato", published: now.AddDays(-4)),
            Pipeline.Item("t5", "Centeno integral, ¿dónde lo venden?", published: now.AddDays(-5)),
            Pipeline.Item("t6", "Hace 200 días hablé de La Tahona", published: now.AddDays(-200)));

        var evidence = await App.Http.GetFromJsonAsync<JsonElement>($"/api/workspaces/{workspace}/readiness/evidence");
        var competition = evidence.GetProperty("competition");
        Assert.Equal(3, competition.GetProperty("brandMentions").GetInt32());
        var rival = Assert.Single(competition.GetProperty("competitors").EnumerateArray());
        Assert.Equal(("Competencia: Pan de Pueblo", 1), (rival.GetProperty("name").GetString(), rival.GetProperty("mentions").GetInt32()));
        Assert.Equal(0.25, competition.GetProperty("competitorShare").GetDouble());
        Assert.Equal("active", competition.GetProperty("answer").GetString());
        var page = await App.Http.GetStringAsync($"/w/{workspace}/readiness/new");
        Assert.Contains("La competencia tiene el 25 % de la conversación: 1 de las 4 menciones de tu marca y de la competencia. Competencia: Pan de Pueblo (1).", page);
    }

    [Fact]
    public async Task The_form_shows_the_evidence_beside_the_questions_in_spanish_and_in_english()
    {
        var workspace = await ListeningWorkspaceAsync("Horno El Trigal");
        var es = await App.Http.GetStringAsync($"/w/{workspace}/readiness/new");
        Assert.Contains("5 menciones de clientes en los últimos 90 días: unas 5 al mes.", es);
        Assert.Contains("1 de 5 conversaciones respondidas (20 %).", es);
        Assert.Contains("Primera respuesta: 30 min de mediana.", es);
        Assert.Contains("¿Tenéis un sistema de calidad o un protocolo", es);
        var en = await App.Http.GetStringAsync($"/w/{workspace}/readiness/new?culture=en");
        Assert.Contains("5 customer mentions in the last 90 days: about 5 a month.", en);
        Assert.Contains("1 of 5 conversations answered (20%).", en);
        Assert.Contains("Do you have a quality system or a protocol", en);
    }

    [Fact]
    public async Task The_pdf_for_management_reads_back_with_the_verdict_the_scores_the_plan_and_the_evidence()
    {
        var workspace = await ListeningWorkspaceAsync("Panadería Los Arcos");
        var created = await (await App.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/readiness/checks", new { answers = Guesses })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();

        var response = await App.Http.GetAsync($"/api/workspaces/{workspace}/readiness/checks/{id}/pdf");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Panadería Los Arcos", text);
        Assert.Contains("¿Estamos listos para las redes sociales?", text);
        Assert.Contains("Sí: os conviene estar en las redes.", text);
        Assert.Contains("Atención al cliente", text);
        Assert.Contains("1 de 5 conversaciones respondidas (20 %).", text);
        Assert.Contains("Blogs y foros", text);

        var english = PdfText(await App.Http.GetByteArrayAsync($"/api/workspaces/{workspace}/readiness/checks/{id}/pdf?culture=en"));
        Assert.Contains("Yes: being on social media is worth it for you.", english);
        Assert.Contains("Customer service", english);
        Assert.Contains("1 of 5 conversations answered (20%).", english);
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        // Words joined by single spaces, whatever line they were wrapped on.
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    [Fact]
    public async Task An_agency_sends_a_link_and_the_client_answers_without_an_account_and_the_team_sees_the_attempt()
    {
        var workspace = await ListeningWorkspaceAsync("Agencia Meseta · Confitería Ruiz");
        var link = await (await App.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/readiness/links", new { label = "Confitería Ruiz" })).Content.ReadFromJsonAsync<JsonElement>();
        var url = link.GetProperty("url").GetString()!;
        Assert.Matches("/check/[A-Za-z0-9_-]{32}$", url);
        await using (var db = App.Db())
        {
            // Only the secret's hash is kept.
            var stored = await db.ReadinessLinks.SingleAsync(l => l.WorkspaceId == workspace);
            Assert.DoesNotContain(url[(url.LastIndexOf('/') + 1)..], stored.SecretHash);
        }

        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        var form = await client.GetStringAsync(url);
        Assert.Contains("Agencia Meseta · Confitería Ruiz te pide que respondas", form);
        Assert.Contains("5 menciones de clientes", form);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", Antiforgery().Match(form).Groups[1].Value),
            new("respondent", "Pilar Ruiz"),
        };
        fields.AddRange(Guesses.SelectMany(a => a.Value.Select(v => new KeyValuePair<string, string>("a_" + a.Key, v))));
        var sent = await client.PostAsync(url, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Matches("/check/[A-Za-z0-9_-]+/result/\\d+$", sent.RequestMessage!.RequestUri!.AbsolutePath);
        var result = await sent.Content.ReadAsStringAsync();
        Assert.Contains("Gracias: tus respuestas han llegado al equipo.", result);
        Assert.Contains("Sí: os conviene estar en las redes.", result);

        var history = await App.Http.GetFromJsonAsync<JsonElement>($"/api/workspaces/{workspace}/readiness/checks");
        Assert.Equal("Pilar Ruiz", Assert.Single(history.EnumerateArray()).GetProperty("respondent").GetString());
        var links = await App.Http.GetFromJsonAsync<JsonElement>($"/api/workspaces/{workspace}/readiness/links");
        Assert.Equal(1, Assert.Single(links.EnumerateArray()).GetProperty("uses").GetInt32());

        // Revoked, the link opens no form and takes no answers.
        Assert.Equal(HttpStatusCode.NoContent, (await App.Http.DeleteAsync($"/api/workspaces/{workspace}/readiness/links/{link.GetProperty("id").GetInt32()}")).StatusCode);
        Assert.Contains("Este enlace ya no está disponible", await client.GetStringAsync(url));
        Assert.Contains("Este enlace ya no está disponible", await client.GetStringAsync(App.BaseUrl + "/check/no-such-secret"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(sent.RequestMessage.RequestUri)).StatusCode);
    }

    [Fact]
    public async Task Bad_answers_are_refused_with_the_reason_and_nothing_is_stored()
    {
        var workspace = await App.CreateWorkspaceAsync("Horno Sin Datos");
        var unknown = await App.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/readiness/checks",
            new { answers = new Dictionary<string, string[]>(Guesses) { ["audience"] = ["always"], ["service"] = ["owned"] } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'always' is not an answer to 'audience'", await unknown.Content.ReadAsStringAsync());
        // Nothing listened to here: the questions the data would answer need the person's answer.
        var missing = await App.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/readiness/checks", new { answers = Guesses });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Answer these questions: audience, service.", await missing.Content.ReadAsStringAsync());
        var tooLong = await App.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/readiness/links", new { label = new string('x', 101) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        await using var db = App.Db();
        Assert.Equal(0, await db.ReadinessChecks.CountAsync(c => c.WorkspaceId == workspace));
    }

    [Fact]
    public async Task A_viewer_reads_results_but_only_an_agent_takes_the_check_and_only_an_admin_makes_links()
    {
        var workspace = await App.CreateWorkspaceAsync("Horno Roles");
        using var viewer = await App.ClientForAsync(WorkspaceRole.Viewer, workspace);
        using var agent = await App.ClientForAsync(WorkspaceRole.Agent, workspace);
        var answers = new Dictionary<string, string[]>(Guesses) { ["audience"] = ["weekly"], ["service"] = ["some"] };
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/workspaces/{workspace}/readiness/checks", new { answers })).StatusCode);
        var taken = await agent.PostAsJsonAsync($"/api/workspaces/{workspace}/readiness/checks", new { answers });
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(taken.Headers.Location)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync($"/api/workspaces/{workspace}/readiness/links", new { label = "Cliente" })).StatusCode);
    }

    [Fact]
    public void The_link_pages_take_a_bounded_number_of_requests_and_answers_per_address()
    {
        using var limiter = new LinkRateLimiter(Options.Create(new AssessmentOptions { LinkRequestsPerMinute = 3, LinkAnswersPerHour = 1 }));
        var one = Client("10.0.0.1");
        var other = Client("10.0.0.2");
        Assert.Equal([true, true, true, false], Enumerable.Range(0, 4).Select(_ => limiter.AllowRequest(one)));
        Assert.True(limiter.AllowRequest(other));
        Assert.True(limiter.AllowAnswer(other));
        Assert.False(limiter.AllowAnswer(other));
    }

    private static DefaultHttpContext Client(string address)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return http;
    }

    private async Task<int> ChannelOfAsync(int workspace)
    {
        await using var db = App.Db();
        return await db.Channels.Where(c => c.WorkspaceId == workspace).Select(c => c.Id).SingleAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
