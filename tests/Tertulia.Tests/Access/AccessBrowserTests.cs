using Microsoft.Playwright;
using Tertulia.Access;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Access;

/// <summary>Signing in, and the walls between workspaces, in Debian's Chromium.</summary>
public sealed class AccessBrowserTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync();
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_person_signs_in_sees_only_their_workspaces_and_signs_out()
    {
        var mine = await _app.CreateWorkspaceAsync("Panadería Mía");
        var other = await _app.CreateWorkspaceAsync("Panadería Ajena");
        var ana = await _app.UserForAsync(WorkspaceRole.Agent, mine);
        var page = await _browser.FreshPageAsync();

        await page.GotoAsync($"{_app.BaseUrl}/w/{mine}");
        Assert.StartsWith("/signin", new Uri(page.Url).AbsolutePath);
        await page.FillAsync("#email", ana.Email);
        await page.FillAsync("#password", "no-es-la-contraseña");
        await page.ClickAsync("form.auth-form button[type=submit]");
        await Assertions.Expect(page.Locator("[role=alert]")).ToHaveTextAsync("El correo o la contraseña no son correctos.");
        await page.FillAsync("#password", ana.Password);
        await page.ClickAsync("form.auth-form button[type=submit]");
        await page.WaitForPathAsync(path => path == $"/w/{mine}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Panadería Mía");

        await page.GotoAsync(_app.BaseUrl + "/");
        await Assertions.Expect(page.Locator(".workspace-card h2")).ToHaveTextAsync(["Panadería Mía"]);
        await Assertions.Expect(page.Locator(".user-name")).ToHaveTextAsync(ana.Email);
        await page.ClickAsync("form.signout button");
        await page.WaitForPathAsync(path => path == "/signin");
        await page.GotoAsync($"{_app.BaseUrl}/w/{mine}");
        Assert.StartsWith("/signin", new Uri(page.Url).AbsolutePath);
        Assert.NotEqual(mine, other);
    }

    [Fact]
    public async Task A_person_makes_an_API_token_on_their_page_sees_it_once_uses_it_and_revokes_it()
    {
        var mine = await _app.CreateWorkspaceAsync("Panadería con informes");
        var ana = await _app.UserForAsync(WorkspaceRole.Agent, mine);
        var page = await _browser.SignedInPageAsync(_app.BaseUrl, ana);

        await page.GotoAsync(_app.BaseUrl + "/");
        await page.ClickAsync(".user-name");
        await page.WaitForPathAsync(path => path == "/account/tokens");
        await page.FillAsync("#token-name", "Informe semanal");
        await page.ClickAsync(".new-token-form button[type=submit]");
        var token = (await page.Locator("#new-token").TextContentAsync())!.Trim();
        Assert.StartsWith(PersonalTokens.Prefix, token);
        var row = page.Locator("tr[data-token]", new() { HasText = "Informe semanal" });
        await Assertions.Expect(row).ToHaveCountAsync(1);

        using (var script = _app.ClientAs(ana with { Token = token }))
        {
            var workspaces = await script.GetAsync("/api/workspaces");
            Assert.Equal(System.Net.HttpStatusCode.OK, workspaces.StatusCode);
            Assert.Contains("Panadería con informes", await workspaces.Content.ReadAsStringAsync());
        }

        // Shown once: coming back lists the token by name, never its text.
        await page.GotoAsync(_app.BaseUrl + "/account/tokens");
        await Assertions.Expect(page.Locator("#new-token")).ToHaveCountAsync(0);
        Assert.DoesNotContain(token, await page.ContentAsync());
        await row.Locator("button").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("tr[data-token]")).ToHaveCountAsync(1); // the token the test signs in with stays
        using (var script = _app.ClientAs(ana with { Token = token }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await script.GetAsync("/api/workspaces")).StatusCode);
        }
    }

    [Fact]
    public async Task A_member_of_workspace_A_cannot_open_a_page_of_workspace_B_by_its_url()
    {
        var a = await _app.CreateWorkspaceAsync("Horno A");
        var b = await _app.CreateWorkspaceAsync("Obrador Secreto B");
        var queryOfB = await _app.Http.PostAsync($"/api/workspaces/{b}/queries",
            new StringContent("""{"name":"Consulta de B","expression":"croissant"}""", System.Text.Encoding.UTF8, "application/json"));
        queryOfB.EnsureSuccessStatusCode();
        var ownerOfA = await _app.UserForAsync(WorkspaceRole.Owner, a);
        var page = await _browser.SignedInPageAsync(_app.BaseUrl, ownerOfA);

        foreach (var url in new[] { $"/w/{b}", $"/w/{b}/queries", $"/w/{b}/members", $"/w/{b}/m/1", $"/w/{b}/c/1" })
        {
            var response = await page.GotoAsync(_app.BaseUrl + url);

            Assert.Equal(404, response!.Status);
            var text = await page.ContentAsync();
            Assert.DoesNotContain("Obrador Secreto B", text);
            Assert.DoesNotContain("Consulta de B", text);
        }
        var own = await page.GotoAsync($"{_app.BaseUrl}/w/{a}");
        Assert.Equal(200, own!.Status);
    }

    [Fact]
    public async Task A_viewer_reads_the_workspace_without_its_forms_and_a_forged_post_gets_403()
    {
        var workspace = await _app.CreateWorkspaceAsync("Cafetería Lectura");
        var viewer = await _app.UserForAsync(WorkspaceRole.Viewer, workspace);
        var admin = await _app.UserForAsync(WorkspaceRole.Admin, workspace);
        var page = await _browser.SignedInPageAsync(_app.BaseUrl, viewer);
        var adminPage = await _browser.SignedInPageAsync(_app.BaseUrl, admin);

        await page.GotoAsync($"{_app.BaseUrl}/w/{workspace}");
        await adminPage.GotoAsync($"{_app.BaseUrl}/w/{workspace}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Cafetería Lectura");
        await Assertions.Expect(adminPage.Locator("#feedUrl")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#feedUrl")).ToHaveCountAsync(0);
        await page.GotoAsync($"{_app.BaseUrl}/w/{workspace}/queries");
        await Assertions.Expect(page.Locator("#expression")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("form[action*='handler=Save'] button[type=submit]")).ToHaveCountAsync(0);
        var forged = await page.APIRequest.PostAsync($"{_app.BaseUrl}/w/{workspace}/queries?handler=Save", new()
        {
            Form = page.APIRequest.CreateFormData().Set("name", "Intento").Set("expression", "café").Set("active", "true"),
            MaxRedirects = 0,
        });

        Assert.Equal(403, forged.Status);
        await using var db = _app.Db();
        Assert.False(db.ListeningQueries.Any(q => q.WorkspaceId == workspace));
    }
}
