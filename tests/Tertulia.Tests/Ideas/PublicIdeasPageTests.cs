using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Ideas;
using Tertulia.Tests.Support;
using Xunit;

namespace Tertulia.Tests.Ideas;

/// <summary>
/// A workspace's public ideas page, as a customer without an account sees it: off until the team turns it on, only
/// the ideas the team published, their status and answer, nobody's name; its form enters Tertulia through the
/// pipeline as a mention of the form's channel, typed markup kept as text, limited per address.
/// </summary>
public sealed class PublicIdeasPageTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private int _workspace;
    private string _slug = "";
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Tertulia:Ideas:BackfillEnabled"] = "false",
            ["Tertulia:Ideas:FormPermitLimit"] = "3",
            ["Tertulia:Ideas:FormWindow"] = "00:10:00",
        });
        _workspace = await _app.CreateWorkspaceAsync("Horno de la Plaza");
        await using var db = _app.Db();
        _slug = await db.Workspaces.Where(w => w.Id == _workspace).Select(w => w.Slug).SingleAsync();
        _anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_app.BaseUrl) };
    }

    public async Task DisposeAsync()
    {
        _anonymous.Dispose();
        await _app.DisposeAsync();
    }

    private Task<HttpResponseMessage> SuggestAsync(string text, string? name = null, string? website = null) =>
        _anonymous.PostAsync($"/p/{_slug}/ideas", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["text"] = text, ["name"] = name ?? "", ["website"] = website ?? "",
        }));

    [Fact]
    public async Task Only_published_ideas_are_shown_with_their_status_and_answer_and_nobody_s_name()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync($"/p/{_slug}/ideas")).StatusCode); // off by default

        var blog = await _app.AddChannelAsync(_workspace);
        await _app.IngestAsync(blog,
            IdeasWorld.Comment("Marta Ruiz", "Estaría bien que tuvierais pan sin gluten, mi hija es celíaca"),
            IdeasWorld.Comment("Luis Gómez <luis@correo.test>", "Deberíais hacer pan sin gluten los sábados, por favor"),
            IdeasWorld.Comment("Quique", "Ojalá pusierais un par de mesas fuera, en la plaza se está de maravilla"));
        var gluten = await _app.IdeaOfAsync(_workspace, "Deberíais hacer pan sin gluten los sábados, por favor");
        var terrace = await _app.IdeaOfAsync(_workspace, "Ojalá pusierais un par de mesas fuera, en la plaza se está de maravilla");
        Assert.NotEqual(gluten, terrace);

        var on = await _app.Http.PutAsJsonAsync($"/api/workspaces/{_workspace}/ideas/board", new { isPublic = true, introEs = "Contadnos qué echáis de menos." });
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        // Its title is still the first customer's words («…mi hija es celíaca»): it cannot go public before the team titles it.
        var untitled = await _app.Http.PostAsJsonAsync($"/api/workspaces/{_workspace}/ideas/{gluten}/public", new { isPublic = true });
        Assert.Equal(HttpStatusCode.BadRequest, untitled.StatusCode);
        Assert.Contains("title of your own", await untitled.Content.ReadAsStringAsync());
        (await _app.Http.PostAsJsonAsync($"/api/workspaces/{_workspace}/ideas/{gluten}/title", new { title = "Pan sin gluten" })).EnsureSuccessStatusCode();
        (await _app.Http.PostAsJsonAsync($"/api/workspaces/{_workspace}/ideas/{gluten}/public", new { isPublic = true })).EnsureSuccessStatusCode();
        (await _app.Http.PostAsJsonAsync($"/api/workspaces/{_workspace}/ideas/{gluten}/status",
            new { status = "Declined", answer = "El obrador es pequeño y la harina vuela: no podemos garantizar que no haya trazas." })).EnsureSuccessStatusCode();

        var page = await _anonymous.GetAsync($"/p/{_slug}/ideas");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("Contadnos qué echáis de menos.", html);
        Assert.Contains("El obrador es pequeño y la harina vuela", html);
        Assert.Contains("status-declined", html);
        Assert.Contains("Pan sin gluten", html);
        Assert.Contains($"data-idea=\"{gluten}\"", html);
        Assert.DoesNotContain($"data-idea=\"{terrace}\"", html); // not published
        Assert.DoesNotContain("mesas fuera", html);
        foreach (var personal in new[] { "Marta", "Luis", "luis@correo.test", "Quique", "celíaca" })
        {
            Assert.DoesNotContain(personal, html); // no names, addresses or words of other customers
        }
        // Another workspace's slug shows nothing of this one.
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync("/p/no-such-bakery/ideas")).StatusCode);
    }

    [Fact]
    public async Task A_suggestion_sent_with_the_form_goes_through_the_pipeline_as_text_and_the_form_is_limited_per_address()
    {
        (await _app.Http.PutAsJsonAsync($"/api/workspaces/{_workspace}/ideas/board", new { isPublic = true })).EnsureSuccessStatusCode();

        var sent = await SuggestAsync("Podríais vender <b>pan de espelta</b> <script>alert(1)</script> los viernes", "Ana");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("sent=True", sent.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        var thanks = await _anonymous.GetStringAsync(sent.Headers.Location!.ToString());
        Assert.Contains("id=\"suggestion-received\"", thanks);

        await using (var db = _app.Db())
        {
            var mention = await db.Mentions.Where(m => m.WorkspaceId == _workspace).SingleAsync();
            var channel = await db.Channels.SingleAsync(c => c.Id == mention.ChannelId);
            Assert.Equal(ChannelKind.IdeasForm, channel.Kind);
            Assert.Equal("Ana", mention.Author);
            Assert.Equal("Podríais vender <b>pan de espelta</b> <script>alert(1)</script> los viernes", mention.Text); // kept as typed, as text
            Assert.Null(mention.Html);
            Assert.True(await db.Suggestions.AnyAsync(s => s.MentionId == mention.Id)); // a form's message is a suggestion, whatever its intent
        }

        var tooShort = await SuggestAsync("pan");
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("id=\"suggestion-error\"", await tooShort.Content.ReadAsStringAsync());
        // A robot fills the hidden field: it is thanked and nothing is stored.
        Assert.Equal(HttpStatusCode.Redirect, (await SuggestAsync("Compra seguidores baratos en nuestra web", website: "http://spam.example")).StatusCode);
        await using (var db = _app.Db())
        {
            Assert.Equal(1, await db.Mentions.CountAsync(m => m.WorkspaceId == _workspace));
        }
        // Three posts per address per window (this app's setting): the fourth is refused.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SuggestAsync("Una tarta de zanahoria los domingos estaría genial")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync($"/p/{_slug}/ideas")).StatusCode); // reading is never limited
    }
}
