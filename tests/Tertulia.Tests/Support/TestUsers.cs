using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Tertulia.Access;

namespace Tertulia.Tests.Support;

/// <summary>A person of a test: signs in with <see cref="Password"/> in a browser, calls the API with <see cref="Token"/>.</summary>
public sealed record TestUser(string Id, string Email, string Password, string Token);

/// <summary>Real Identity accounts and personal tokens in a running app's store, as `token create` makes them.</summary>
public static class TestUsers
{
    public const string Password = "contraseña-de-prueba";

    public static string NewEmail(string who = "persona") => $"{who}-{Guid.NewGuid():N}"[..(who.Length + 13)] + "@tertulia.test";

    /// <summary>The user with that email (created with <see cref="Password"/> when missing) and a new token of theirs.</summary>
    public static async Task<TestUser> EnsureAsync(IServiceProvider services, string? email = null, string password = Password)
    {
        email ??= NewEmail();
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
        }
        var token = await scope.ServiceProvider.GetRequiredService<PersonalTokens>().CreateAsync(user.Id, "tests", CancellationToken.None);
        return new TestUser(user.Id, email, password, token.Token);
    }

    public static Task AddMemberAsync(IServiceProvider services, int workspaceId, TestUser user, WorkspaceRole role) =>
        services.GetRequiredService<WorkspaceMembers>().AddAsync(workspaceId, user.Id, role, CancellationToken.None);

    /// <summary>An HTTP client that calls the API as <paramref name="user"/> (null: anonymous).</summary>
    public static HttpClient Client(string baseUrl, TestUser? user, bool followRedirects = true)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = followRedirects })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (user is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        }
        return http;
    }
}
