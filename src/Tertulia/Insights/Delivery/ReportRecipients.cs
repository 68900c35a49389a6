using MimeKit;

namespace Tertulia.Insights.Delivery;

/// <summary>The recipients as a person types them (commas, semicolons, lines; "Name &lt;address&gt;" too), checked one by one.</summary>
public static class ReportRecipients
{
    public static bool TryParse(IEnumerable<string>? given, out List<string> addresses, out string? error)
    {
        addresses = [];
        error = null;
        var parts = (given ?? []).SelectMany(g => (g ?? "").Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var part in parts)
        {
            if (!MailboxAddress.TryParse(part, out var mailbox) || !mailbox.Address.Contains('@') || mailbox.Address.StartsWith('@') || mailbox.Address.EndsWith('@'))
            {
                error = $"'{Storage.BoundedText.Clip(part, 80)}' is not an email address";
                return false;
            }
            if (!addresses.Contains(mailbox.Address, StringComparer.OrdinalIgnoreCase))
            {
                addresses.Add(mailbox.Address);
            }
        }
        if (addresses.Count == 0)
        {
            error = "at least one recipient is needed";
            return false;
        }
        if (addresses.Count > ReportSchedule.MaxRecipients || string.Join('\n', addresses).Length > ReportSchedule.RecipientsLength)
        {
            error = $"at most {ReportSchedule.MaxRecipients} recipients";
            return false;
        }
        return true;
    }

    public static List<string> Of(ReportSchedule schedule) =>
        schedule.Recipients.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
