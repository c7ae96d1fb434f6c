using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Aftercare.Web.Features.Shared;

/// <summary>
/// NHS.UK form fields with their label, hint and error message, so every form shows errors the
/// same way, next to the field, and keeps what the person typed when the page comes back.
/// </summary>
public abstract class NhsFieldTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")] public ModelExpression For { get; set; } = null!;
    public string Label { get; set; } = "";
    public string? Hint { get; set; }
    /// <summary>Labels of the main question on a page are page headings (NHS.UK pattern).</summary>
    public bool LabelIsHeading { get; set; }

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    protected string Name => For.Name;
    protected string Id => TagBuilder.CreateSanitizedId(For.Name, "_");

    protected string? Error
    {
        get
        {
            var entry = ViewContext.ModelState.TryGetValue(Name, out var e) ? e : null;
            return entry?.Errors.FirstOrDefault(x => !string.IsNullOrEmpty(x.ErrorMessage))?.ErrorMessage;
        }
    }

    /// <summary>What the person typed (kept on error), else the model's value.</summary>
    protected string Value(string? name = null, object? model = null)
    {
        name ??= Name;
        if (ViewContext.ModelState.TryGetValue(name, out var entry) && entry.AttemptedValue is not null) return entry.AttemptedValue;
        var value = name == Name ? For.Model : model;
        return value switch
        {
            null => "",
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }

    protected static string E(string? s) => HtmlEncoder.Default.Encode(s ?? "");

    protected string LabelHtml(string forId)
    {
        var label = $"<label class=\"nhsuk-label{(LabelIsHeading ? " nhsuk-label--l" : "")}\" for=\"{forId}\">{E(Label)}</label>";
        return LabelIsHeading ? $"<h1 class=\"nhsuk-label-wrapper\">{label}</h1>" : label;
    }

    protected string HintHtml() => Hint is null ? "" : $"<div class=\"nhsuk-hint\" id=\"{Id}-hint\">{E(Hint)}</div>";

    protected string ErrorHtml() => Error is null ? "" :
        $"<span class=\"nhsuk-error-message\" id=\"{Id}-error\"><span class=\"nhsuk-u-visually-hidden\">Error:</span> {E(Error)}</span>";

    protected string DescribedBy()
    {
        var ids = new List<string>();
        if (Hint is not null) ids.Add(Id + "-hint");
        if (Error is not null) ids.Add(Id + "-error");
        return ids.Count == 0 ? "" : $" aria-describedby=\"{string.Join(' ', ids)}\"";
    }

    protected void Wrap(TagHelperOutput output, string inner)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "nhsuk-form-group" + (Error is null ? "" : " nhsuk-form-group--error"));
        output.Content.SetHtmlContent(inner);
    }
}

[HtmlTargetElement("nhs-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsInputTagHelper : NhsFieldTagHelper
{
    public string Type { get; set; } = "text";
    public string? Autocomplete { get; set; }
    /// <summary>NHS.UK fixed widths: 2, 3, 4, 5, 10, 20 or 30 characters.</summary>
    public int? Width { get; set; }
    public string? Inputmode { get; set; }
    public bool Spellcheck { get; set; } = true;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var classes = "nhsuk-input" + (Width is { } w ? $" nhsuk-input--width-{w}" : "") + (Error is null ? "" : " nhsuk-input--error");
        var value = Type == "password" ? "" : Value();
        var extra = (Autocomplete is null ? "" : $" autocomplete=\"{E(Autocomplete)}\"") +
                    (Inputmode is null ? "" : $" inputmode=\"{E(Inputmode)}\"") +
                    (Spellcheck ? "" : " spellcheck=\"false\"");
        Wrap(output, LabelHtml(Id) + HintHtml() + ErrorHtml() +
            $"<input class=\"{classes}\" id=\"{Id}\" name=\"{E(Name)}\" type=\"{E(Type)}\" value=\"{E(value)}\"{extra}{DescribedBy()}>");
    }
}

[HtmlTargetElement("nhs-textarea", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsTextareaTagHelper : NhsFieldTagHelper
{
    public int Rows { get; set; } = 5;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var classes = "nhsuk-textarea" + (Error is null ? "" : " nhsuk-textarea--error");
        Wrap(output, LabelHtml(Id) + HintHtml() + ErrorHtml() +
            $"<textarea class=\"{classes}\" id=\"{Id}\" name=\"{E(Name)}\" rows=\"{Rows}\"{DescribedBy()}>{E(Value())}</textarea>");
    }
}

[HtmlTargetElement("nhs-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsSelectTagHelper : NhsFieldTagHelper
{
    public IEnumerable<SelectListItem> Items { get; set; } = [];

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var current = Value();
        var options = string.Concat(Items.Select(i =>
            $"<option value=\"{E(i.Value)}\"{(i.Value == current ? " selected" : "")}>{E(i.Text)}</option>"));
        var classes = "nhsuk-select" + (Error is null ? "" : " nhsuk-select--error");
        Wrap(output, LabelHtml(Id) + HintHtml() + ErrorHtml() +
            $"<select class=\"{classes}\" id=\"{Id}\" name=\"{E(Name)}\"{DescribedBy()}>{options}</select>");
    }
}

/// <summary>The NHS.UK date input: day, month and year in three boxes, bound to a <see cref="DateParts"/>.</summary>
[HtmlTargetElement("nhs-date", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsDateTagHelper : NhsFieldTagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var parts = For.Model as DateParts ?? new DateParts();
        string Box(string part, string label, int width, object? model, string? autocomplete)
        {
            var name = $"{Name}.{part}";
            var id = part == "Day" ? Id : $"{Id}_{part}";
            var err = Error is null ? "" : " nhsuk-input--error";
            return $"<div class=\"nhsuk-date-input__item\"><div class=\"nhsuk-form-group\">" +
                   $"<label class=\"nhsuk-label nhsuk-date-input__label\" for=\"{id}\">{label}</label>" +
                   $"<input class=\"nhsuk-input nhsuk-date-input__input nhsuk-input--width-{width}{err}\" id=\"{id}\" name=\"{E(name)}\" type=\"text\" inputmode=\"numeric\" value=\"{E(Value(name, model))}\"{(autocomplete is null ? "" : $" autocomplete=\"{autocomplete}\"")}>" +
                   "</div></div>";
        }
        var auto = Name.EndsWith("DateOfBirth", StringComparison.Ordinal);
        var legend = LabelIsHeading
            ? $"<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--l\"><h1 class=\"nhsuk-fieldset__heading\">{E(Label)}</h1></legend>"
            : $"<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">{E(Label)}</legend>";
        Wrap(output, $"<fieldset class=\"nhsuk-fieldset\" role=\"group\"{DescribedBy()}>" + legend + HintHtml() + ErrorHtml() +
            $"<div class=\"nhsuk-date-input\" id=\"{Id}-input\">" +
            Box("Day", "Day", 2, parts.Day, auto ? "bday-day" : null) +
            Box("Month", "Month", 2, parts.Month, auto ? "bday-month" : null) +
            Box("Year", "Year", 4, parts.Year, auto ? "bday-year" : null) +
            "</div></fieldset>");
    }
}

/// <summary>A date as typed into three boxes; converted, with a clear message, by <see cref="TryGetDate"/>.</summary>
public sealed class DateParts
{
    public int? Day { get; set; }
    public int? Month { get; set; }
    public int? Year { get; set; }

    public static DateParts From(DateOnly d) => new() { Day = d.Day, Month = d.Month, Year = d.Year };

    public bool IsEmpty => Day is null && Month is null && Year is null;

    public bool TryGetDate(ModelStateDictionary state, string key, string what, out DateOnly date)
    {
        date = default;
        if (state.TryGetValue(key + ".Day", out var d) && d.Errors.Count > 0 ||
            state.TryGetValue(key + ".Month", out var m) && m.Errors.Count > 0 ||
            state.TryGetValue(key + ".Year", out var y) && y.Errors.Count > 0)
        {
            foreach (var part in new[] { ".Day", ".Month", ".Year" }) state.Remove(key + part);
            state.AddModelError(key, $"{what} must be a real date, in numbers");
            return false;
        }
        if (IsEmpty) { state.AddModelError(key, $"Enter the {what.ToLowerInvariant()}"); return false; }
        var missing = new List<string>();
        if (Day is null) missing.Add("day");
        if (Month is null) missing.Add("month");
        if (Year is null) missing.Add("year");
        if (missing.Count > 0) { state.AddModelError(key, $"{what} must include a {string.Join(" and ", missing)}"); return false; }
        if (Year < 1000 || Year > 9999) { state.AddModelError(key, "Year must include 4 numbers"); return false; }
        try { date = new DateOnly(Year!.Value, Month!.Value, Day!.Value); return true; }
        catch (ArgumentOutOfRangeException) { state.AddModelError(key, $"{what} must be a real date"); return false; }
    }
}
