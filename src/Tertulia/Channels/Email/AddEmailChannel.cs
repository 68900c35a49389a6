using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;
using Tertulia.Access;

namespace Tertulia.Channels.Email;

/// <summary>
/// Connects a mailbox to a workspace: checks that the account logs in, then stores it with its password
/// encrypted. The mailbox is read at once, then on its schedule (and at once on new mail where IDLE works).
/// </summary>
public sealed class AddEmailChannel(
    IDbContextFactory<TertuliaDb> dbs,
    MailConnector connector,
    ChannelSecrets secrets,
    ChannelPollingService polling,
    EmailIdleWatcher idle,
    TimeProvider clock)
{
    public sealed record Request(
        string Address,
        string Password,
        string ImapHost,
        string SmtpHost,
        string? UserName = null,
        int ImapPort = 993,
        MailSecurity ImapSecurity = MailSecurity.Auto,
        int SmtpPort = 587,
        MailSecurity SmtpSecurity = MailSecurity.Auto,
        string Folder = "INBOX",
        string? Name = null,
        string? DisplayName = null,
        int? PollMinutes = null);

    public sealed record Outcome(Channel? Channel, string? Error, bool WorkspaceMissing = false);

    public async Task<Outcome> HandleAsync(int workspaceId, Request request, CancellationToken ct)
    {
        var address = request.Address?.Trim() ?? "";
        if (!MimeKit.MailboxAddress.TryParse(address, out var mailbox) || !mailbox.Address.Contains('@') || address.Length > 320)
        {
            return new Outcome(null, "The email address is not valid.");
        }
        if (string.IsNullOrWhiteSpace(request.ImapHost) || string.IsNullOrWhiteSpace(request.SmtpHost) || string.IsNullOrEmpty(request.Password))
        {
            return new Outcome(null, "The IMAP server, the SMTP server and the password are required.");
        }
        if (request.ImapPort is < 1 or > 65535 || request.SmtpPort is < 1 or > 65535)
        {
            return new Outcome(null, "The ports must be between 1 and 65535.");
        }
        var account = new EmailAccount
        {
            Address = mailbox.Address,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim(),
            UserName = string.IsNullOrWhiteSpace(request.UserName) ? mailbox.Address : request.UserName.Trim(),
            Password = request.Password,
            ImapHost = request.ImapHost.Trim(),
            ImapPort = request.ImapPort,
            ImapSecurity = request.ImapSecurity,
            SmtpHost = request.SmtpHost.Trim(),
            SmtpPort = request.SmtpPort,
            SmtpSecurity = request.SmtpSecurity,
            Folder = string.IsNullOrWhiteSpace(request.Folder) ? "INBOX" : request.Folder.Trim(),
        };

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
        {
            return new Outcome(null, null, WorkspaceMissing: true);
        }
        if (await db.Channels.AnyAsync(c => c.WorkspaceId == workspaceId && c.Source == account.Source, ct))
        {
            return new Outcome(null, "This workspace already listens to that mailbox.");
        }
        try
        {
            // A wrong password is better told now than as the channel's first error.
            using var imap = await connector.OpenImapAsync(account, ct);
            await imap.DisconnectAsync(true, ct);
        }
        catch (ChannelException ex)
        {
            return new Outcome(null, ex.Message);
        }

        var now = clock.GetUtcNow();
        var channel = new Channel
        {
            WorkspaceId = workspaceId,
            Kind = ChannelKind.Email,
            Name = string.IsNullOrWhiteSpace(request.Name) ? account.Address : BoundedText.Clip(request.Name.Trim(), 200),
            Source = account.Source,
            Credentials = secrets.Protect(account),
            CreatedAt = now,
            NextPollAt = now,
            PollInterval = TimeSpan.FromMinutes(Math.Clamp(request.PollMinutes ?? 5, 1, 24 * 60)),
        };
        db.Channels.Add(channel);
        await db.SaveChangesAsync(ct);
        polling.Wake();
        idle.RefreshChannels();
        return new Outcome(channel, null);
    }
}

public static class EmailChannelApi
{
    public static IEndpointRouteBuilder MapEmailChannelApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/workspaces/{workspaceId:int}/channels/email",
            async Task<Results<Created<ChannelsApi.ChannelDto>, NotFound, ProblemHttpResult>> (
                int workspaceId, AddEmailChannel.Request request, AddEmailChannel handler, CancellationToken ct) =>
            {
                var outcome = await handler.HandleAsync(workspaceId, request, ct);
                return ChannelsApi.Connected(workspaceId, outcome.WorkspaceMissing, outcome.Channel, outcome.Error, "The mailbox cannot be connected");
            })
            .WithTags("Channels")
            .WithName("AddEmailChannel")
            .RequireWorkspaceRole(WorkspaceRole.Admin);
        return app;
    }
}
