using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Storage;

namespace Tertulia.Ideas.PublicBoard;

/// <summary>
/// Turns a workspace's public ideas page on or off. Turning it on the first time creates the channel its form's
/// suggestions enter through (kind IdeasForm: nothing to poll, customers post to it), so they go through the pipeline
/// like any other mention; turning it off disables the channel, and the form refuses what is sent.
/// </summary>
public sealed class BoardSettings(IDbContextFactory<TertuliaDb> dbs, WriteGate writeGate, TimeProvider clock)
{
    public const int IntroLength = 1000;

    public sealed record Request(bool IsPublic, string? IntroEs = null, string? IntroEn = null);

    public async Task<IdeaBoard> GetAsync(int workspaceId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.IdeaBoards.AsNoTracking().SingleOrDefaultAsync(b => b.WorkspaceId == workspaceId, ct) ?? new IdeaBoard { WorkspaceId = workspaceId };
    }

    /// <summary>Null when the workspace does not exist.</summary>
    public async Task<IdeaBoard?> SaveAsync(int workspaceId, Request request, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
            {
                return null;
            }
            var board = await db.IdeaBoards.SingleOrDefaultAsync(b => b.WorkspaceId == workspaceId, ct);
            if (board is null)
            {
                board = new IdeaBoard { WorkspaceId = workspaceId };
                db.IdeaBoards.Add(board);
            }
            board.IsPublic = request.IsPublic;
            board.IntroEs = Clean(request.IntroEs);
            board.IntroEn = Clean(request.IntroEn);
            var channel = board.FormChannelId is { } id ? await db.Channels.SingleOrDefaultAsync(c => c.Id == id, ct) : null;
            if (channel is null && request.IsPublic)
            {
                channel = new Channel
                {
                    WorkspaceId = workspaceId,
                    Kind = ChannelKind.IdeasForm,
                    Name = "Ideas page form",
                    Source = "ideas-form",
                    CreatedAt = clock.GetUtcNow(),
                    // Nothing to poll: customers post to it.
                    NextPollAt = DateTimeOffset.MaxValue,
                };
                db.Channels.Add(channel);
                await db.SaveChangesAsync(ct);
                board.FormChannelId = channel.Id;
            }
            if (channel is not null)
            {
                channel.Enabled = request.IsPublic;
            }
            await db.SaveChangesAsync(ct);
            return board;
        }
    }

    private static string? Clean(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : BoundedText.Clip(text.Trim(), IntroLength);
}
