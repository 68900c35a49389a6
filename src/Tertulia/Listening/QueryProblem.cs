using Microsoft.AspNetCore.Http.HttpResults;

namespace Tertulia.Listening;

/// <summary>An invalid query as RFC 7807 problem details: the reason, and where (position counts from 1).</summary>
public static class QueryProblem
{
    public static ProblemHttpResult Of(QueryError error, string field = "expression") => TypedResults.Problem(
        title: "Invalid listening query",
        detail: error.Message,
        statusCode: StatusCodes.Status400BadRequest,
        type: "https://tertulia.example/problems/invalid-query",
        extensions: new Dictionary<string, object?>
        {
            ["field"] = field,
            ["position"] = error.Position,
            ["length"] = error.Length,
            ["reason"] = error.Reason,
            ["code"] = error.Kind.ToString(),
            ["subject"] = error.Subject,
        });
}
