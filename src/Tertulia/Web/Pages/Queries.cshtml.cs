using Microsoft.AspNetCore.Mvc;
using Tertulia.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tertulia.Listening;
using Tertulia.Storage;

namespace Tertulia.Web.Pages;

/// <summary>The listening queries of a workspace: list with tagging progress, and the editor with inline errors and a live preview.</summary>
[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Admin)]
public sealed class QueriesModel(
    IDbContextFactory<TertuliaDb> dbs, SaveListeningQuery save, DeleteListeningQuery delete, IStringLocalizer<UiText> text) : PageModel
{
    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public List<QueriesApi.QueryDto> Queries { get; private set; } = [];
    public int? EditingId { get; private set; }
    public string Name { get; set; } = "";
    public string Expression { get; set; } = "";
    public bool Active { get; set; } = true;
    public QueryError? ExpressionError { get; private set; }
    public string? NameError { get; private set; }

    public async Task<IActionResult> OnGetAsync(int workspaceId, int? queryId, CancellationToken ct)
    {
        if (!await LoadAsync(workspaceId, ct))
        {
            return NotFound();
        }
        if (queryId is { } id)
        {
            var query = Queries.FirstOrDefault(q => q.Id == id);
            if (query is null)
            {
                return NotFound();
            }
            (EditingId, Name, Expression, Active) = (query.Id, query.Name, query.Expression, query.Active);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int workspaceId, int? queryId, string? name, string? expression, bool active, CancellationToken ct)
    {
        var outcome = await save.HandleAsync(workspaceId, queryId, new SaveListeningQuery.Request(name, expression, active), ct);
        if (outcome.NotFound)
        {
            return NotFound();
        }
        if (outcome.Query is { } saved)
        {
            return Redirect($"/w/{workspaceId}/queries/{saved.Id}");
        }
        (EditingId, Name, Expression, Active) = (queryId, name ?? "", expression ?? "", active);
        ExpressionError = outcome.ExpressionError;
        NameError = outcome.NameError is null ? null : text["NameRequired"].Value;
        return await LoadAsync(workspaceId, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int workspaceId, int queryId, CancellationToken ct)
    {
        await delete.HandleAsync(workspaceId, queryId, ct);
        return Redirect($"/w/{workspaceId}/queries");
    }

    /// <summary>The error texts the editor's script shows, in the reader's language, keyed by error code.</summary>
    public Dictionary<string, string> ErrorTexts() =>
        Enum.GetNames<QueryErrorKind>().ToDictionary(k => k, k => text["QueryError_" + k].Value);

    public string RetagText(QueriesApi.RetagDto retag) => retag.State switch
    {
        "done" => text["RetagDone"],
        "queued" => text["RetagQueued"],
        _ => string.Format(text["RetagRunning"], retag.Percent, retag.Done.ToString("N0"), retag.Total.ToString("N0")),
    };

    private async Task<bool> LoadAsync(int workspaceId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (workspace is null)
        {
            return false;
        }
        Workspace = workspace;
        Queries = await QueriesApi.ListAsync(db, workspaceId, null, ct);
        return true;
    }
}
