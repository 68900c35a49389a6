using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tertulia.Access;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Access;

/// <summary>
/// Every endpoint the running app maps (read from its EndpointDataSource, so a new one is covered the day it is added)
/// is tried as a stranger, as a member of another workspace and as each role: nothing leaks.
/// </summary>
public sealed partial class EveryEndpointTests : IAsyncLifetime
{
    /// <summary>What may answer without credentials: everything else needs a signed-in user.</summary>
    private static readonly string[] AnonymousRoutes =
    [
        "/healthz", "/openapi/{documentName}.json", "/lang/{culture}", "/demo/feeds/{blog}.xml",
        "/demo/feeds/{blog}/{post}/comments.xml", "/api/webhooks/{channelId:int}",
        "/signin", "/forgot-password", "/reset-password", "/invitation/{secret}",
        // An agency's client fills the readiness check in without an account: the secret in the link is the
        // permission (only its hash is stored), the pages are rate-limited per address and the form is bounded.
        "/check/{secret}", "/check/{secret}/result/{checkId:int}",
        // A workspace's public ideas page and its suggestion form: for customers without an account (Ideas), rate-limited.
        "/p/{slug}/ideas",
    ];

    private TestApp _app = null!;
    private int _workspace;
    private const string Secret = "Obrador-Secreto-7f3a";

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(demo: true);
        _workspace = await _app.CreateWorkspaceAsync("Horno " + Secret);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private sealed record Call(string Route, string Method, string Url, WorkspaceRoleRule? Rule, bool Anonymous, bool Page);

    private List<Call> EveryCall()
    {
        var calls = new List<Call>();
        var sources = _app.Services.GetServices<EndpointDataSource>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var page = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null
                || endpoint.Metadata.Any(m => m.GetType().Name == "PageActionDescriptor")
                // A browser comes back to these (OAuth callbacks): like pages, they send a stranger to sign in.
                || route.StartsWith("/oauth/", StringComparison.Ordinal);
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToList() ?? ["GET", "POST"];
            var rule = endpoint.Metadata.GetMetadata<WorkspaceRoleRule>() ?? endpoint.Metadata.GetMetadata<WorkspacePageAttribute>()?.Rule;
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            foreach (var method in methods)
            {
                calls.Add(new Call(route, method, Concrete(route), rule, anonymous, page));
            }
        }
        return calls;
    }

    private string Concrete(string route) => Parameter().Replace(route, m => m.Groups[1].Value switch
    {
        "workspaceId" => _workspace.ToString(),
        var name when name.EndsWith("Id") => "1",
        _ => "x",
    }).Replace("?", "");

    [GeneratedRegex(@"\{\**([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();

    [Fact]
    public void Every_endpoint_is_either_open_on_purpose_or_guarded_by_its_workspace_role()
    {
        var calls = EveryCall();
        Assert.True(calls.Count > 20, $"only {calls.Count} endpoints found");
        var openByMistake = calls.Where(c => c.Anonymous && !AnonymousRoutes.Contains(c.Route)).Select(c => c.Route).Distinct().ToList();
        var unguardedWorkspace = calls.Where(c => c.Route.Contains("{workspaceId") && c.Rule is null).Select(c => c.Route).Distinct().ToList();

        Assert.True(openByMistake.Count == 0, "Anonymous but not meant to be: " + string.Join(", ", openByMistake));
        Assert.True(unguardedWorkspace.Count == 0, "Workspace endpoints without a role rule: " + string.Join(", ", unguardedWorkspace));
    }

    [Fact]
    public async Task A_caller_without_credentials_gets_401_from_the_api_and_the_sign_in_page_from_pages()
    {
        using var anonymous = TestUsers.Client(_app.BaseUrl, null, followRedirects: false);
        var failures = new List<string>();
        foreach (var call in EveryCall().Where(c => !c.Anonymous))
        {
            using var response = await SendAsync(anonymous, call);
            // The API answers 401; what a browser opens (pages, OAuth callbacks) sends the person to sign in.
            var api = call.Route.StartsWith("/api/");
            var expected = api ? HttpStatusCode.Unauthorized : HttpStatusCode.Redirect;
            var toSignIn = api || response.Headers.Location?.ToString().Contains("/signin") == true;
            if (response.StatusCode != expected || !toSignIn)
            {
                failures.Add($"{call.Method} {call.Url}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_wrong_token_is_a_401_too()
    {
        using var forged = _app.ClientAs(_app.Owner with { Token = PersonalTokens.Prefix + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
        foreach (var call in EveryCall().Where(c => c.Rule is not null && !c.Page))
        {
            using var response = await SendAsync(forged, call);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{call.Method} {call.Url}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_member_of_another_workspace_gets_404_and_no_data_from_every_workspace_endpoint()
    {
        var stranger = await TestUsers.EnsureAsync(_app.Services, TestUsers.NewEmail("ajena"));
        using (var own = _app.ClientAs(stranger))
        {
            var response = await own.PostAsync("/api/workspaces", Json("""{"name":"Otra panadería"}"""));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        using var client = _app.ClientAs(stranger);
        var failures = new List<string>();
        foreach (var call in EveryCall().Where(c => c.Rule is not null))
        {
            using var response = await SendAsync(client, call);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.NotFound || body.Contains(Secret) || body.Contains("Horno"))
            {
                failures.Add($"{call.Method} {call.Url}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var listed = await client.GetStringAsync("/api/workspaces");
        Assert.DoesNotContain(Secret, listed);
        Assert.Contains("Otra panadería", listed);
    }

    [Fact]
    public async Task Each_role_below_what_an_endpoint_asks_gets_403()
    {
        var checkedCalls = 0;
        var failures = new List<string>();
        foreach (var role in Enum.GetValues<WorkspaceRole>())
        {
            using var client = await _app.ClientForAsync(role, _workspace);
            foreach (var call in EveryCall().Where(c => c.Rule is not null && role < c.Rule.For(c.Method)))
            {
                checkedCalls++;
                using var response = await SendAsync(client, call);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.Forbidden || body.Contains(Secret))
                {
                    failures.Add($"{role}: {call.Method} {call.Url}: {(int)response.StatusCode}");
                }
            }
        }
        Assert.True(checkedCalls > 10, $"only {checkedCalls} calls were below their role");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_member_with_the_role_an_endpoint_asks_gets_past_the_check()
    {
        // Reads only: a viewer gets the data of the workspace's pages and lists.
        using var viewer = await _app.ClientForAsync(WorkspaceRole.Viewer, _workspace);
        foreach (var url in new[] { $"/api/workspaces/{_workspace}/mentions", $"/api/workspaces/{_workspace}/channels", $"/api/workspaces/{_workspace}/queries", $"/w/{_workspace}", $"/w/{_workspace}/queries" })
        {
            var response = await viewer.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        }
        var page = await viewer.GetStringAsync($"/w/{_workspace}");
        Assert.Contains(Secret, page);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Call call)
    {
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Url);
        if (call.Method is not ("GET" or "HEAD" or "DELETE"))
        {
            request.Content = call.Page ? new FormUrlEncodedContent([]) : Json("{}");
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        // Headers only: a stream (the live endpoint) must not keep the test waiting.
        return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
