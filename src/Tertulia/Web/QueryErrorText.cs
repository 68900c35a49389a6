using Microsoft.Extensions.Localization;
using Tertulia.Listening;

namespace Tertulia.Web;

/// <summary>A query error in the reader's language: "comillas sin cerrar en 14".</summary>
public static class QueryErrorText
{
    public static string Of(QueryError error, IStringLocalizer text) => Format(error, text["QueryError_" + error.Kind].Value, text["QueryErrorAt"].Value);

    private static string Format(QueryError error, string reason, string at) =>
        string.Format(at, string.Format(reason, error.Subject), error.Position);
}
