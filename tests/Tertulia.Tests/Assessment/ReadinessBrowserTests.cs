using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Tertulia.Tests.Support;
using Tertulia.Tests.Web;
using UglyToad.PdfPig;

namespace Tertulia.Tests.Assessment;

/// <summary>The demo bakery's owner takes the readiness check in Chromium: the demo's own data answers beside the questions.</summary>
public sealed class ReadinessBrowserTests(DemoBrowserFixture fixture) : IClassFixture<DemoBrowserFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task The_demo_owner_completes_the_check_sees_the_demo_data_beside_the_answers_gets_the_pdf_and_takes_it_again_in_english()
    {
        var workspace = fixture.Workspace;
        var evidence = await App.Http.GetFromJsonAsync<JsonElement>($"/api/workspaces/{workspace}/readiness/evidence");
        var mentions = evidence.GetProperty("audience").GetProperty("mentions").GetInt32();
        Assert.True(mentions >= 50, $"the demo's customers talk: {mentions} mentions");
        var competition = evidence.GetProperty("competition");
        Assert.True(competition.GetProperty("competitors").EnumerateArray().Single().GetProperty("mentions").GetInt32() > 0, "the demo's competitor is talked about");

        var page = await fixture.Browser.SignedInPageAsync(App.BaseUrl, App.Owner);
        await page.GotoAsync($"{App.BaseUrl}/w/{workspace}");
        await page.ClickAsync($"a[href='/w/{workspace}/readiness']");
        await page.ClickAsync("#take");
        await page.WaitForPathAsync(path => path.EndsWith("/readiness/new"));

        // Beside the questions the data can answer: the demo's mentions, its channels, the competitor's share.
        var audience = page.Locator("aside[data-evidence=audience]");
        await Assertions.Expect(audience).ToContainTextAsync($"{mentions} menciones de clientes en los últimos 90 días");
        await Assertions.Expect(audience).ToContainTextAsync("El blog del Horno El Candeal");
        await Assertions.Expect(audience).ToContainTextAsync("Pucela con Tenedor");
        await Assertions.Expect(page.Locator("aside[data-evidence=competition]")).ToContainTextAsync("Competencia: Almendra y Miel");
        var serviceFromData = evidence.TryGetProperty("service", out var service) && service.ValueKind == JsonValueKind.Object;
        if (serviceFromData)
        {
            await Assertions.Expect(page.Locator("aside[data-evidence=service]")).ToContainTextAsync("conversaciones respondidas");
        }

        // The owner answers only what the data cannot: protocol, resources, backing, goal, channels.
        foreach (var (question, option) in new[] { ("protocol", "habits"), ("resources", "hours"), ("support", "backing"), ("goals", "reputation"), ("channels", "instagram") })
        {
            await page.CheckAsync($"input[name=a_{question}][value={option}]");
        }
        if (!serviceFromData)
        {
            await page.CheckAsync("input[name=a_service][value=some]");
        }
        await page.ClickAsync("#readiness-form button[type=submit]");
        await page.WaitForPathAsync(path => System.Text.RegularExpressions.Regex.IsMatch(path, $"^/w/{workspace}/readiness/\\d+$"));

        await Assertions.Expect(page.Locator("#verdict")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".readiness-answers aside[data-evidence=audience]")).ToContainTextAsync($"{mentions} menciones de clientes");
        await Assertions.Expect(page.Locator(".readiness-answers aside[data-evidence=competition]")).ToContainTextAsync("Almendra y Miel");
        await Assertions.Expect(page.Locator("[data-answer=audience] .your-answer")).ToHaveTextAsync("Sin responder");
        await Assertions.Expect(page.Locator("tr[data-dimension=audience] .percent")).ToHaveTextAsync("100 %");
        await Assertions.Expect(page.Locator("#plan-channels")).ToContainTextAsync("Blogs y foros");
        await Assertions.Expect(page.Locator("#plan-measure")).ToContainTextAsync("Cuota de conversación frente a la competencia");

        var pdfUrl = await page.Locator("#pdf").GetAttributeAsync("href");
        var pdf = await page.Context.APIRequest.GetAsync(App.BaseUrl + pdfUrl);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        using (var document = PdfDocument.Open(await pdf.BodyAsync()))
        {
            var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("Horno El Candeal", text);
            Assert.Contains($"{mentions} menciones de clientes", text);
        }

        // In English, taken again a month later in the story: the form starts from the last answers, the result compares.
        await page.ClickAsync("nav.lang a[hreflang=en]");
        await page.WaitForSelectorAsync("html[lang=en]");
        await Assertions.Expect(page.Locator(".readiness-answers aside[data-evidence=audience]")).ToContainTextAsync($"{mentions} customer mentions in the last 90 days");
        await page.ClickAsync($"a[href='/w/{workspace}/readiness/new']");
        await page.WaitForPathAsync(path => path.EndsWith("/readiness/new"));
        await Assertions.Expect(page.Locator("#q-protocol legend")).ToHaveTextAsync("Do you have a quality system or a protocol that says how the team deals with a customer?");
        await Assertions.Expect(page.Locator("input[name=a_goals][value=reputation]")).ToBeCheckedAsync();
        await page.CheckAsync("input[name=a_protocol][value=online]");
        await page.ClickAsync("#readiness-form button[type=submit]");
        await page.WaitForPathAsync(path => System.Text.RegularExpressions.Regex.IsMatch(path, $"^/w/{workspace}/readiness/\\d+$"));
        await Assertions.Expect(page.Locator("#compared")).ToContainTextAsync("Compared with the attempt of");
        await Assertions.Expect(page.Locator("tr[data-dimension=protocol] .change")).ToHaveTextAsync("+67 points since last time");
        await Assertions.Expect(page.Locator("#plan-measure")).ToContainTextAsync("Share of voice against competitors");
    }
}
