using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Tertulia.Storage;

namespace Tertulia.Access;

public static class AccessRegistration
{
    /// <summary>Chooses, per request, between a personal token (Bearer) and the browser's sign-in cookie.</summary>
    public const string Scheme = "Tertulia";

    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddEntityFrameworkStores<TertuliaDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        // Identity's stores take a scoped context; everybody else uses the factory (on PostgreSQL: its subclass).
        services.AddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<TertuliaDb>>().CreateDbContext());

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Personal token or sign-in cookie", o =>
                o.ForwardDefaultSelector = http => BearerTokenHandler.Presents(http.Request)
                    ? BearerTokenHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "tertulia.auth";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/signin";
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            // The API answers with status codes; only pages send a person to the sign-in page.
            o.Events.OnRedirectToLogin = context => ApiOr(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiOr(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder()
            // Everything needs a signed-in user unless it says [AllowAnonymous] (see AccessRegistration.UseAccess).
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddOptions<SmtpOptions>().BindConfiguration("Tertulia:Smtp");
        services.AddSingleton<AccessMail>();
        services.AddScoped<InviteMember>();
        services.AddScoped<AcceptInvitation>();
        services.AddScoped<ChangeMember>();
        services.AddSingleton<PersonalTokens>();
        services.AddSingleton<WorkspaceMembers>();
        return services;
    }

    public static WebApplication UseAccess(this WebApplication app)
    {
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<WorkspaceAccessMiddleware>();
        return app;
    }

    public static IEndpointRouteBuilder MapAccessApi(this IEndpointRouteBuilder app)
    {
        app.MapMembersApi();
        app.MapTokensApi();
        return app;
    }

    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
