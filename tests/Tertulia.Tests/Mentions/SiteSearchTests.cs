using System.Net.Http.Json;
using Tertulia.Ingestion;
using Tertulia.Mentions;
using Tertulia.Tests.Support;
using Xunit;
using static Tertulia.Tests.Support.Pipeline;

namespace Tertulia.Tests.Mentions;

/// <summary>
/// <c>site:</c> narrows the store's candidates to addresses holding the host before the matcher re-checks them; the
/// results are the matcher's: subdomains and capitals in, look-alike hosts out, and nothing lost under OR.
/// </summary>
public class SiteSearchTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Theory]
    [InlineData("site:elnorte.es AND pan", new[] { "sub", "port", "plain" })]
    [InlineData("pan AND sitio:elnorte.es", new[] { "sub", "port", "plain" })]
    [InlineData("site:https://www.elnorte.es/loquesea AND pan", new[] { "sub" })]
    [InlineData("site:www.elnorte.es pan", new[] { "sub" })]
    [InlineData("site:elnorte.es OR tarta", new[] { "sub", "port", "plain", "other-tarta" })]
    [InlineData("pan -site:elnorte.es", new[] { "lookalike", "suffix", "nourl" })]
    [InlineData("site:nadie.example AND pan", new string[0])]
    public async Task Site_keeps_the_host_and_its_subdomains_whatever_else_the_query_asks(string q, string[] expected)
    {
        var workspace = await App.CreateWorkspaceAsync("Sites " + Guid.NewGuid().ToString("N")[..8]);
        var channel = await App.AddChannelAsync(workspace);
        var texts = new Dictionary<string, string>();
        IncomingItem At(string id, string? url, string text)
        {
            texts[id] = text;
            return Item(id, text) with { Url = url };
        }
        await App.IngestAsync(channel,
            At("sub", "https://WWW.ElNorte.es/2026/pan-de-pueblo", "pan de pueblo"),
            At("port", "http://elnorte.es:8080/pan", "pan con aceite"),
            At("plain", "https://elnorte.es/?p=1", "pan y tomate"),
            At("lookalike", "https://noelnorte.es/pan", "pan duro"),
            At("suffix", "https://elnorte.es.otro.example/pan", "pan blanco"),
            At("nourl", null, "pan sin dirección"),
            At("other-tarta", "https://otro.example/tarta", "tarta de queso"));

        var found = (await App.Http.GetFromJsonAsync<MentionsApi.MentionPageDto>(
            $"/api/workspaces/{workspace}/mentions?q={Uri.EscapeDataString(q)}"))!;

        Assert.Equal(expected.Select(id => texts[id]).Order(), found.Items.Select(m => m.Text).Order());
        Assert.Equal(expected.Length, found.Total);
    }
}
