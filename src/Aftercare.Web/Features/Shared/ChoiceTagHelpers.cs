using System.Collections;
using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Aftercare.Web.Features.Shared;

/// <summary>One choice of a set of radios or checkboxes: what is sent, what is shown, and an optional hint.</summary>
public sealed record Choice(string Value, string Text, string? Hint = null);

/// <summary>
/// NHS.UK radios in a fieldset whose legend is the question; the first radio carries the field's
/// id, so the error summary's link lands on it. What was chosen is kept when the page comes back.
/// </summary>
[HtmlTargetElement("nhs-radios", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsRadiosTagHelper : NhsChoiceTagHelper
{
    public IEnumerable<Choice> Items { get; set; } = [];
    /// <summary>Side by side, for short answers such as the numbers 0 to 10.</summary>
    public bool Inline { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var current = Value();
        Wrap(output, Fieldset("radio", Inline ? "nhsuk-radios nhsuk-radios--inline" : "nhsuk-radios", "nhsuk-radios", Items, v => v == current));
    }
}

/// <summary>NHS.UK checkboxes bound to a list: every ticked value is sent under the field's name.</summary>
[HtmlTargetElement("nhs-checkboxes", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsCheckboxesTagHelper : NhsChoiceTagHelper
{
    public IEnumerable<Choice> Items { get; set; } = [];

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var ticked = Ticked();
        Wrap(output, Fieldset("checkbox", "nhsuk-checkboxes", "nhsuk-checkboxes", Items, ticked.Contains));
    }

    private HashSet<string> Ticked()
    {
        if (ViewContext.ModelState.TryGetValue(Name, out var entry) && entry.RawValue is not null)
            return entry.RawValue switch
            {
                string s => [s],
                IEnumerable<string> many => [.. many],
                _ => [],
            };
        return For.Model is IEnumerable values and not string
            ? [.. values.Cast<object>().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "")]
            : [];
    }
}

/// <summary>The fieldset, legend, hint, error and items shared by radios and checkboxes.</summary>
public abstract class NhsChoiceTagHelper : NhsFieldTagHelper
{
    protected string Fieldset(string type, string listClass, string prefix, IEnumerable<Choice> items, Func<string, bool> isChosen)
    {
        var html = new System.Text.StringBuilder();
        html.Append($"<fieldset class=\"nhsuk-fieldset\"{DescribedBy()}>");
        html.Append($"<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">{E(Label)}</legend>");
        html.Append(HintHtml()).Append(ErrorHtml());
        html.Append($"<div class=\"{listClass}\">");
        var first = true;
        foreach (var item in items)
        {
            var itemId = first ? Id : $"{Id}-{IdPart(item.Value)}";
            first = false;
            var hintId = itemId + "-item-hint";
            html.Append($"<div class=\"{prefix}__item\">");
            html.Append($"<input class=\"{prefix}__input\" id=\"{itemId}\" name=\"{E(Name)}\" type=\"{type}\" value=\"{E(item.Value)}\"{(isChosen(item.Value) ? " checked" : "")}{(item.Hint is null ? "" : $" aria-describedby=\"{hintId}\"")}>");
            html.Append($"<label class=\"nhsuk-label {prefix}__label\" for=\"{itemId}\">{E(item.Text)}</label>");
            if (item.Hint is not null) html.Append($"<div class=\"nhsuk-hint {prefix}__hint\" id=\"{hintId}\">{E(item.Hint)}</div>");
            html.Append("</div>");
        }
        html.Append("</div></fieldset>");
        return html.ToString();
    }

    /// <summary>A value as part of an id. Not TagBuilder's sanitising, which turns a leading digit into "_" and so gives 1 to 9 the same id.</summary>
    private static string IdPart(string value) => string.Concat(value.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));
}
