using System.Net;
using System.Text.RegularExpressions;
using Tertulia.Demo;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Access;

/// <summary>A newcomer runs `serve --demo`, reads on the console how to sign in, and is in the demo at once.</summary>
public sealed partial class DemoSignInTests
{
    [Fact]
    public async Task Serve_demo_prints_the_demo_owner_and_that_sign_in_opens_the_demo_workspace()
    {
        using var folder = new TempFolder();
        await using var database = await TestStore.CreateAsync(TestStore.Selected, folder.Path);
        using var node = await TertuliaNode.StartAsync(database.ConnectionString, new Dictionary<string, string>(), "--demo", "--migrate");

        Assert.Contains(DemoOwner.Email, node.Output);
        var password = Regex.Match(node.Output, DemoOwner.Email + @"\S* y la contraseña (\S+)").Groups[1].Value;
        Assert.Equal(DemoOwner.Password, password);

        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(node.Url) };
        var form = await browser.GetStringAsync("/signin");
        var antiforgery = Antiforgery().Match(form).Groups[1].Value;
        var signedIn = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = DemoOwner.Email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = antiforgery,
        }));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        // The owner has one workspace: sign-in lands on its dashboard, the workspace's first page.
        Assert.Matches(@"^/w/\d+/insights$", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("id=\"ws-nav\"", await signedIn.Content.ReadAsStringAsync());
        await TestApp.Eventually(async () => (await browser.GetStringAsync("/")).Contains("Horno El Candeal"), "the demo workspace is listed for its owner");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
