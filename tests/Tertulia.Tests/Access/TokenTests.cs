using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Tests.Support;
using Tertulia.Tests.Web;

namespace Tertulia.Tests.Access;

/// <summary>Personal API tokens: made by the CLI, sent as Bearer, stored only as a hash.</summary>
public sealed class TokenTests
{
    [Fact]
    public async Task Token_create_prints_a_token_that_opens_the_api_as_that_user()
    {
        await using var app = await TestApp.StartAsync();
        var workspace = await app.CreateWorkspaceAsync("Churrería Ruiz");

        var (code, output) = await CliTests.RunTertuliaAsync("token", "create", "--email", app.Owner.Email, "--name", "informes", "--database", app.Database.ConnectionString);

        Assert.True(code == 0, output);
        var token = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(PersonalTokens.Prefix));
        Assert.NotEqual(app.Owner.Token, token);
        using var http = app.ClientAs(null);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var listed = await http.GetFromJsonAsync<List<Listed>>("/api/workspaces");
        Assert.Equal(["Churrería Ruiz"], listed!.Select(w => w.Name));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/workspaces/{workspace}/mentions")).StatusCode);
    }

    [Fact]
    public async Task Token_create_for_an_unknown_email_fails_and_says_why()
    {
        await using var app = await TestApp.StartAsync();

        var (code, output) = await CliTests.RunTertuliaAsync("token", "create", "--email", "nadie@tertulia.test", "--database", app.Database.ConnectionString);

        Assert.NotEqual(0, code);
        Assert.Contains("nadie@tertulia.test", output);
        Assert.DoesNotContain(PersonalTokens.Prefix, output);
    }

    [Fact]
    public async Task The_store_keeps_only_the_hash_of_a_token()
    {
        await using var app = await TestApp.StartAsync();
        var token = app.Owner.Token;

        await using var db = app.Db();
        var stored = await db.PersonalTokens.Where(t => t.UserId == app.Owner.Id).ToListAsync();
        var everything = await StoredTextAsync(app, db);

        Assert.Single(stored);
        Assert.Equal(PersonalTokens.HashOf(token), stored[0].Hash);
        Assert.DoesNotContain(token[PersonalTokens.Prefix.Length..], everything);
        Assert.Equal(64, stored[0].Hash.Length);
    }

    [Fact]
    public async Task Without_credentials_the_api_says_401_and_a_page_sends_to_sign_in()
    {
        await using var app = await TestApp.StartAsync();
        var workspace = await app.CreateWorkspaceAsync("Pastelería Sol");
        using var anonymous = TestUsers.Client(app.BaseUrl, null, followRedirects: false);

        var api = await anonymous.GetAsync($"/api/workspaces/{workspace}/mentions");
        var page = await anonymous.GetAsync($"/w/{workspace}");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.PathAndQuery);
        Assert.Contains("ReturnUrl=%2Fw%2F" + workspace, page.Headers.Location!.Query);
    }

    /// <summary>What somebody who copied the store could read: the SQLite files' bytes, or PostgreSQL's text columns.</summary>
    private static async Task<string> StoredTextAsync(TestApp app, Tertulia.Storage.TertuliaDb db)
    {
        if (app.Store == Tertulia.Storage.StoreKind.Sqlite)
        {
            var files = Directory.GetFiles(app.Folder.Path, "tertulia.db*");
            return string.Join(" ", await Task.WhenAll(files.Select(async f =>
            {
                await using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
                return await reader.ReadToEndAsync();
            })));
        }
        var tokens = await db.PersonalTokens.Select(t => t.Name + " " + t.Hash).ToListAsync();
        var users = await db.Users.Select(u => u.Email + " " + u.PasswordHash + " " + u.SecurityStamp).ToListAsync();
        var userTokens = await db.UserTokens.Select(t => t.Value).ToListAsync();
        return string.Join(" ", tokens.Concat(users).Concat(userTokens));
    }

    private sealed record Listed(int Id, string Name);
}
