using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Microsoft.AspNetCore.Html;

namespace Aftercare.Web.Features.Alerts;

/// <summary>How a duty alert is put into words on its pages.</summary>
public static class AlertText
{
    /// <summary>
    /// The person's message, HTML-encoded, with every place the matched words occur marked, so the
    /// duty practitioner sees at once what the rules saw, in the person's own words.
    /// </summary>
    public static IHtmlContent Highlight(string body, IEnumerable<string> words)
    {
        var compare = CultureInfo.InvariantCulture.CompareInfo;
        var marked = new bool[body.Length];
        foreach (var word in words.Where(w => w.Length > 0).Distinct())
        {
            var at = 0;
            while (at < body.Length)
            {
                var found = compare.IndexOf(body.AsSpan(at), word.AsSpan(), CompareOptions.IgnoreCase, out var length);
                if (found < 0 || length == 0) break;
                for (var k = at + found; k < at + found + length; k++) marked[k] = true;
                at += found + length;
            }
        }
        var html = new StringBuilder(body.Length + 32);
        var i = 0;
        while (i < body.Length)
        {
            var j = i;
            while (j < body.Length && marked[j] == marked[i]) j++;
            var part = HtmlEncoder.Default.Encode(body[i..j]);
            if (marked[i]) html.Append("<mark>").Append(part).Append("</mark>");
            else html.Append(part);
            i = j;
        }
        return new HtmlString(html.ToString());
    }

    public static string Response(DutyResponse response) => response switch
    {
        DutyResponse.CalledThePerson => "Called the person",
        DutyResponse.ContactedEmergencyServices => "Contacted emergency services",
        DutyResponse.NoActionNeeded => "No action needed",
        _ => "Something else",
    };

    /// <summary>Where an alert stands, in a few words, for its page and the team's list.</summary>
    public static string Status(DutyAlert a, Func<StaffId, string> name) => a switch
    {
        { RespondedAt: not null, Response: { } r } => $"Closed: {Response(r).ToLowerInvariant()}",
        { AcknowledgedBy: { } by } => $"Taken on by {name(by)}" + (a.IsEscalated ? " (after it escalated)" : ""),
        { IsEscalated: true } => "Escalated to the supervisor: nobody has taken it on",
        _ => "Open: nobody has taken it on yet",
    };

    public static string When(DateTimeOffset at) => UkTime.Format(at);
}
