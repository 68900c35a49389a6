using System.ComponentModel;
using Microsoft.AspNetCore.Identity;
using Spectre.Console;
using Spectre.Console.Cli;
using Tertulia.Storage;
using Tertulia.Web;

namespace Tertulia.Access;

/// <summary>`token create --email EMAIL`: a new personal API token for that user, printed once on standard output.</summary>
public sealed class CreateTokenCommand : AsyncCommand<CreateTokenCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--email <EMAIL>")]
        [Description("The user the token acts as.")]
        public string Email { get; init; } = "";

        [CommandOption("--name <NAME>")]
        [Description("What the token is for, to recognise it later (default: API).")]
        public string? Name { get; init; }

        [CommandOption("--database <DATABASE>")]
        [Description("SQLite file or connection string, or PostgreSQL. Default: TERTULIA_DATABASE, else tertulia.db in the current folder.")]
        public string? Database { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Email) ? ValidationResult.Error("--email is required.") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // The same composition as `serve`, without starting the web server nor the workers.
        await using var app = TertuliaApp.Build(new ServeOptions
        {
            Database = Cli.StoreServices.Resolve(settings.Database),
            Settings = { ["Tertulia:Polling:Enabled"] = "false" },
        });
        await StorageRegistration.MigrateAsync(app.Services, cancellationToken);
        using var scope = app.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(settings.Email.Trim());
        if (user is null)
        {
            await Console.Error.WriteLineAsync($"No user has the email {settings.Email}.");
            return 1;
        }
        var created = await scope.ServiceProvider.GetRequiredService<PersonalTokens>().CreateAsync(user.Id, settings.Name, cancellationToken);
        // The token alone on standard output, so scripts can capture it; the advice goes to standard error.
        Console.Out.WriteLine(created.Token);
        await Console.Error.WriteLineAsync($"Token \"{created.Name}\" for {user.Email}. Tertulia stores only its hash: keep it now, it cannot be shown again.");
        return 0;
    }
}
