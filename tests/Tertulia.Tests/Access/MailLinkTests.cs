using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tertulia.Access;
using Tertulia.Tests.Channels;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Access;

/// <summary>
/// Invitations and password resets travel as links in real mail: sent by Tertulia through the local Postfix, read
/// back over IMAP from Dovecot, then opened in Chromium.
/// </summary>
public sealed partial class MailLinkTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private readonly string _sender = MailServer.NewAddress("tertulia");

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
        });
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task An_invited_address_gets_a_link_that_creates_the_account_and_the_membership_once()
    {
        var workspace = await _app.CreateWorkspaceAsync("Confitería Ávila");
        var invitee = MailServer.NewAddress("lucia");

        var response = await _app.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/invitations", new { email = invitee, role = "Agent" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var mail = (await MailServer.WaitForMessagesAsync(invitee, 1)).Single();
        Assert.Contains("Confitería Ávila", mail.Subject);
        var link = Link().Match(mail.TextBody ?? "").Value;
        Assert.Contains("/invitation/", link);
        var page = await _browser.FreshPageAsync();
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("#email")).ToHaveValueAsync(invitee);
        await page.FillAsync("#password", "pan-de-leña-2026");
        await page.FillAsync("#confirm", "pan-de-leña-2026");
        await page.ClickAsync("form.auth-form button[type=submit]");
        await page.WaitForPathAsync(path => path == $"/w/{workspace}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Confitería Ávila");

        await using (var db = _app.Db())
        {
            var user = await db.Users.SingleAsync(u => u.Email == invitee);
            var member = await db.WorkspaceMembers.SingleAsync(m => m.UserId == user.Id);
            Assert.Equal((workspace, WorkspaceRole.Agent), (member.WorkspaceId, member.Role));
            Assert.NotNull((await db.Invitations.SingleAsync(i => i.Email == invitee)).AcceptedAt);
            Assert.DoesNotContain(link[(link.LastIndexOf('/') + 1)..], string.Join(" ", await db.Invitations.Select(i => i.SecretHash).ToListAsync()));
        }
        var again = await _browser.FreshPageAsync();
        await again.GotoAsync(link);
        await Assertions.Expect(again.Locator("[role=alert]")).ToContainTextAsync("ya se usó");
        await Assertions.Expect(again.Locator("#password")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_admin_cannot_invite_an_owner_and_a_bad_address_is_refused_without_mail()
    {
        var workspace = await _app.CreateWorkspaceAsync("Granja Cuesta");
        var admin = await _app.ClientForAsync(WorkspaceRole.Admin, workspace);

        var owner = await admin.PostAsJsonAsync($"/api/workspaces/{workspace}/invitations", new { email = MailServer.NewAddress("jefa"), role = "Owner" });
        var agent = await admin.PostAsJsonAsync($"/api/workspaces/{workspace}/invitations", new { email = MailServer.NewAddress("pepe"), role = "Agent" });
        var bad = await admin.PostAsJsonAsync($"/api/workspaces/{workspace}/invitations", new { email = "no es un correo", role = "Agent" });

        Assert.Equal(HttpStatusCode.BadRequest, owner.StatusCode);
        Assert.Equal(HttpStatusCode.Created, agent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var members = await admin.GetFromJsonAsync<MembersApi.MembersDto>($"/api/workspaces/{workspace}/members", Json);
        Assert.Single(members!.Invitations);
        Assert.Equal(WorkspaceRole.Agent, members.Invitations[0].Role);
    }

    [Fact]
    public async Task A_forgotten_password_is_replaced_through_the_mailed_link()
    {
        var email = MailServer.NewAddress("marta");
        var user = await TestUsers.EnsureAsync(_app.Services, email);
        var page = await _browser.FreshPageAsync();

        await page.GotoAsync(_app.BaseUrl + "/signin");
        await page.ClickAsync("a[href='/forgot-password']");
        await page.FillAsync("#email", email);
        await page.ClickAsync("form.auth-form button[type=submit]");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("enlace");
        var mail = (await MailServer.WaitForMessagesAsync(email, 1)).Single();
        var link = Link().Match(mail.TextBody ?? "").Value;
        await page.GotoAsync(link);
        await page.FillAsync("#password", "nueva-contraseña-larga");
        await page.FillAsync("#confirm", "nueva-contraseña-larga");
        await page.ClickAsync("form.auth-form button[type=submit]");
        await page.WaitForPathAsync(path => path == "/signin?done=reset");

        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Contraseña cambiada");
        Assert.False(await SignsInAsync(email, user.Password));
        Assert.True(await SignsInAsync(email, "nueva-contraseña-larga"));
        // The link works once: Identity's token is bound to the security stamp the reset changed.
        await page.GotoAsync(link);
        await page.FillAsync("#password", "otra-contraseña-larga");
        await page.FillAsync("#confirm", "otra-contraseña-larga");
        await page.ClickAsync("form.auth-form button[type=submit]");
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("no es válido");
    }

    [Fact]
    public async Task Asking_a_reset_for_an_unknown_address_says_the_same_and_sends_nothing()
    {
        var nobody = MailServer.NewAddress("nadie");
        var page = await _browser.FreshPageAsync();

        await page.GotoAsync(_app.BaseUrl + "/forgot-password");
        await page.FillAsync("#email", nobody);
        await page.ClickAsync("form.auth-form button[type=submit]");

        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Si esa dirección tiene cuenta");
        await Assert.ThrowsAsync<TimeoutException>(() => MailServer.WaitForMessagesAsync(nobody, 1, timeoutSeconds: 3));
    }

    private async Task<bool> SignsInAsync(string email, string password)
    {
        var page = await _browser.FreshPageAsync();
        await page.GotoAsync(_app.BaseUrl + "/signin");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("form.auth-form button[type=submit]");
        // Signed in once the page leaves /signin; refused once the sign-in page comes back with its error. Waited for by
        // what the page shows, not Playwright's load-state bookkeeping (it once waited a minute on a page long loaded).
        await page.WaitForFunctionAsync("() => !location.pathname.startsWith('/signin') || document.querySelector('p.form-error[role=alert]') !== null");
        return !new Uri(page.Url).AbsolutePath.StartsWith("/signin");
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerOptions.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
