using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Email;

/// <summary>Reads one email as an incoming item: threading from Message-ID / In-Reply-To / References.</summary>
public static partial class EmailMessages
{
    /// <summary>Returns the item, or the reason the message cannot be read as a mention.</summary>
    public static (IncomingItem? Item, string? Problem) ToItem(MimeMessage message, DateTimeOffset? receivedAt)
    {
        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        if (from is null || string.IsNullOrWhiteSpace(from.Address) || !from.Address.Contains('@'))
        {
            return (null, "it has no sender address (From)");
        }
        var parent = ParentOf(message);
        var html = message.HtmlBody;
        var text = message.TextBody;
        if (parent is not null && !string.IsNullOrWhiteSpace(text))
        {
            // In a reply only the new words matter: the quoted conversation is already stored.
            text = WithoutQuote(text);
            html = null;
        }
        if (string.IsNullOrWhiteSpace(html) && string.IsNullOrWhiteSpace(text) && string.IsNullOrWhiteSpace(message.Subject))
        {
            return (null, "it has neither a subject nor a readable body");
        }
        var date = message.Date != DateTimeOffset.MinValue ? message.Date : receivedAt;
        return (new IncomingItem
        {
            ExternalId = ExternalIdOf(message),
            Author = AuthorOf(from),
            Published = date,
            Title = string.IsNullOrWhiteSpace(message.Subject) ? null : message.Subject,
            Html = string.IsNullOrWhiteSpace(html) ? null : html,
            Text = text,
            ParentExternalId = parent,
            IsComment = parent is not null,
        }, null);
    }

    /// <summary>The Message-ID; a message without one gets a stable id from what identifies it, so a resync still dedupes it.</summary>
    public static string ExternalIdOf(MimeMessage message)
    {
        if (!string.IsNullOrWhiteSpace(message.MessageId))
        {
            return message.MessageId;
        }
        var identity = $"{message.From}\n{message.Date:O}\n{message.Subject}\n{Truncate(message.TextBody ?? message.HtmlBody ?? "", 4096)}";
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];
    }

    /// <summary>The message this one answers: In-Reply-To, else the last of References.</summary>
    public static string? ParentOf(MimeMessage message)
    {
        if (!string.IsNullOrWhiteSpace(message.InReplyTo))
        {
            return message.InReplyTo;
        }
        return message.References.Count > 0 ? message.References[^1] : null;
    }

    /// <summary>"Name &lt;address&gt;": shown to people, and parsed back to know where an answer goes.</summary>
    public static string AuthorOf(MailboxAddress from)
    {
        if (string.IsNullOrWhiteSpace(from.Name))
        {
            return from.Address;
        }
        var name = from.Name.Trim();
        // Quoted only when the name holds characters that would break the address apart.
        return name.IndexOfAny([',', ';', '<', '>', '@', '"', '(', ')', ':', '[', ']', '\\']) >= 0
            ? $"\"{name.Replace("\\", "\\\\").Replace("\"", "\\\"")}\" <{from.Address}>"
            : $"{name} <{from.Address}>";
    }

    /// <summary>Cuts the quoted conversation under a reply: "&gt;" lines and the "On ... wrote:" / "El ... escribió:" line before them.</summary>
    public static string WithoutQuote(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var kept = new List<string>();
        foreach (var line in lines)
        {
            if (line.StartsWith('>') || QuoteHeader().IsMatch(line) || line.TrimEnd() == "-----Original Message-----")
            {
                break;
            }
            kept.Add(line);
        }
        var result = string.Join('\n', kept).Trim();
        return result.Length == 0 ? text.Trim() : result;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    [GeneratedRegex(@"^\s*(On|El|Le|Am|Il)\b.{0,200}(wrote|escribió|a écrit|schrieb|ha scritto)\s*:\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteHeader();
}
