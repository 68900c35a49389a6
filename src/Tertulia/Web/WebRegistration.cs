using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Tertulia.Access;

namespace Tertulia.Web;

public static class WebRegistration
{
    public static readonly CultureInfo[] Cultures = [new("es"), new("en")];

    public static IServiceCollection AddTertuliaWeb(this IServiceCollection services)
    {
        services.AddLocalization();
        // Spanish text is written as is (é, ñ, ¿), not as numeric character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(o => o.RootDirectory = "/Web/Pages").AddViewLocalization();
        services.AddProblemDetails();
        services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiSecurity>());
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("es");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // A person's choice (cookie) wins; otherwise Spanish, whatever the browser says.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return services;
    }

    public static WebApplication UseTertuliaWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseAccess();
        app.MapOpenApi().AllowAnonymous();
        app.MapRazorPages();
        app.MapGet("/lang/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            var chosen = Cultures.FirstOrDefault(c => c.Name == culture)?.Name ?? "es";
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            var target = returnUrl is not null && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
