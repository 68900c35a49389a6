using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Listening;

/// <summary>
/// Creates or edits a listening query. The expression must parse; when it or the active flag changes, the
/// workspace's stored mentions are re-tagged in the background (<see cref="RetagWorker"/>).
/// </summary>
public sealed class SaveListeningQuery(IDbContextFactory<TertuliaDb> dbs, WriteGate writeGate, RetagSignal signal, TimeProvider clock)
{
    public sealed record Request(string? Name, string? Expression, bool? Active, string? Role = null);

    public sealed record Outcome(ListeningQuery? Query, QueryError? ExpressionError = null, string? NameError = null, bool NotFound = false, string? RoleError = null);

    /// <summary>"brand", "competitor" or "topic" (any case); null or empty keeps the query's role (topic when new).</summary>
    public static bool TryParseRole(string? role, out QueryRole? parsed)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(role))
        {
            return true;
        }
        if (Enum.TryParse<QueryRole>(role.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) && !role.Trim().All(char.IsDigit))
        {
            parsed = value;
            return true;
        }
        return false;
    }

    public async Task<Outcome> HandleAsync(int workspaceId, int? queryId, Request request, CancellationToken ct)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > ListeningQuery.MaxNameLength)
        {
            return new Outcome(null, NameError: $"the name is required and at most {ListeningQuery.MaxNameLength} characters");
        }
        var expression = request.Expression?.Trim() ?? "";
        if (!QueryParser.TryParse(expression, out _, out var error))
        {
            return new Outcome(null, ExpressionError: error);
        }

        if (!TryParseRole(request.Role, out var role))
        {
            return new Outcome(null, RoleError: "the role is one of: brand, competitor, topic");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
        {
            return new Outcome(null, NotFound: true);
        }
        // Through the write gate and the workspace's listening lock (other nodes), like the pipeline: a batch being
        // stored either commits before this version, and its re-tag job sees it, or is matched with this version.
        using var gate = await writeGate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await StoreLocks.ListeningAsync(db, workspaceId, shared: false, ct);
        var now = clock.GetUtcNow();
        var query = queryId is { } id
            ? await db.ListeningQueries.SingleOrDefaultAsync(q => q.Id == id && q.WorkspaceId == workspaceId, ct)
            : new ListeningQuery { WorkspaceId = workspaceId, Name = name, Expression = expression, CreatedAt = now };
        if (query is null)
        {
            return new Outcome(null, NotFound: true);
        }
        var retag = query.Id == 0 || query.Expression != expression || (request.Active is { } a && a != query.Active);
        query.Name = name;
        query.Expression = expression;
        query.Active = request.Active ?? query.Active;
        query.Role = role ?? query.Role;
        query.UpdatedAt = now;
        if (query.Id == 0)
        {
            db.ListeningQueries.Add(query);
        }
        await db.SaveChangesAsync(ct);
        if (retag)
        {
            await RetagJobs.EnqueueAsync(db, query, now, ct);
        }
        await tx.CommitAsync(ct);
        gate.Dispose();
        if (retag)
        {
            signal.Wake();
        }
        return new Outcome(query);
    }
}
