using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Sessions;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Pathways;

/// <summary>What the pages that act on one planned contact or one session share.</summary>
public static class ContactPages
{
    /// <summary>
    /// The pathway holding the contact, only when it is the person's own: a contact id from the
    /// address never reaches another person's pathway. Tracked when it is to be changed.
    /// </summary>
    public static Task<Pathway?> PathwayWithContact(this AftercareDb db, PersonId person, PlannedContactId contact, bool tracked, CancellationToken ct)
    {
        var pathways = tracked ? db.Pathways : db.Pathways.AsNoTracking();
        return pathways.AsSplitQuery().Include(p => p.Contacts).Include(p => p.Covers)
            .Where(p => p.PersonId == person && p.Contacts.Any(c => c.Id == contact))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The window of a contact as people say it: "between 15 and 20 June", "on 15 June".</summary>
    public static string Window(DateTimeOffset opensAt, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var en = UkTime.English;
        var from = UkTime.DateOf(opensAt);
        var to = UkTime.DateOf(dueAt);
        var thisYear = UkTime.DateOf(now).Year;
        string Full(DateOnly d) => d.ToString(d.Year == thisYear ? "d MMMM" : "d MMMM yyyy", en);
        if (from == to) return "on " + Full(to);
        if (from.Year == to.Year && from.Month == to.Month) return $"between {from.Day} and {Full(to)}";
        if (from.Year == to.Year) return $"between {from.ToString("d MMMM", en)} and {Full(to)}";
        return $"between {from.ToString("d MMMM yyyy", en)} and {to.ToString("d MMMM yyyy", en)}";
    }

    /// <summary>Swaps the framework's "The value 'x' is not valid" for words that say what to do.</summary>
    public static void Friendly(ModelStateDictionary state, string keyPrefix, string message)
    {
        var found = false;
        foreach (var key in state.Keys.Where(k => k == keyPrefix || k.StartsWith(keyPrefix + "[", StringComparison.Ordinal)).ToList())
        {
            var entry = state[key]!;
            if (entry.Errors.Count == 0) continue;
            entry.Errors.Clear();
            found = true;
        }
        if (found) state.AddModelError(keyPrefix, message);
    }

    public static string Describe(ReEngagementMethod method) => method switch
    {
        ReEngagementMethod.Phone => "Phone call",
        ReEngagementMethod.TextMessage => "Text message",
        ReEngagementMethod.Letter => "Letter",
        ReEngagementMethod.SecureMessage => "Secure message in Aftercare",
        ReEngagementMethod.Visit => "Visit",
        ReEngagementMethod.ThroughSomeoneElse => "Through someone else (with their consent)",
        _ => method.ToString(),
    };

    public static string Describe(Adaptations adaptation) => adaptation switch
    {
        Adaptations.Neurodiversity => "Neurodiversity",
        Adaptations.SubstanceUse => "Substance use",
        Adaptations.PhysicalIllness => "Physical illness",
        Adaptations.LanguageOrInterpreter => "Language or interpreter",
        _ => adaptation.ToString(),
    };

    public static readonly Choice[] Methods =
        [.. Enum.GetValues<ReEngagementMethod>().Select(m => new Choice(m.ToString(), Describe(m)))];
}
