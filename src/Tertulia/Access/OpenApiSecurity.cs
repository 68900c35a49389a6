using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tertulia.Access;

/// <summary>
/// Tells API clients how to call: every operation needs a personal token (<c>Authorization: Bearer tertulia_…</c>,
/// made with <c>tertulia token create</c> or POST /api/tokens) or a signed-in browser's cookie.
/// </summary>
public sealed class OpenApiSecurity : IOpenApiDocumentTransformer
{
    public const string SchemeName = "personalToken";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "tertulia_…",
            Description = "A personal token: `tertulia token create --email you@example.com`, or POST /api/tokens when signed in.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
        return Task.CompletedTask;
    }
}
