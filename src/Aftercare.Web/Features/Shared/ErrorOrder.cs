using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace Aftercare.Web.Features.Shared;

/// <summary>
/// The NHS.UK error summary lists errors in the order of the fields on the page. Form classes
/// declare their properties in that order, so an error's place is its property's place; an entry
/// of a list ("Entries[2].Text") comes after the entries before it and before the fields that
/// follow the list. A place is a path of positions, one per level, compared level by level.
/// </summary>
public static class ErrorOrder
{
    // Wide enough for any form's properties and any list's entries; an unknown part sorts last at its level.
    private const int Width = 5;
    private const int Unknown = 99_999;

    /// <summary>The error's place on the page, to be compared with <see cref="StringComparer.Ordinal"/>.</summary>
    public static string Of(object? pageModel, string key)
    {
        if (pageModel is null || string.IsNullOrEmpty(key)) return Segment(Unknown);
        var place = new List<int>();
        var type = pageModel.GetType();
        foreach (var part in key.Split('.'))
        {
            var bracket = part.IndexOf('[');
            var name = bracket < 0 ? part : part[..bracket];
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken).ToList();
            // A page's form is bound under the name its attribute gives ("Form"), whatever the property is called.
            var index = properties.FindIndex(p => p.Name == name || p.GetCustomAttribute<BindPropertyAttribute>()?.Name == name);
            if (index < 0)
            {
                place.Add(Unknown);
                break;
            }
            place.Add(index);
            type = properties[index].PropertyType;
            if (bracket >= 0 && int.TryParse(part[(bracket + 1)..^1], out var item))
            {
                place.Add(Math.Clamp(item, 0, Unknown));
                type = type.IsArray ? type.GetElementType()! : type.IsGenericType ? type.GetGenericArguments()[0] : type;
            }
        }
        return string.Join('.', place.Select(Segment));
    }

    private static string Segment(int position) => position.ToString($"D{Width}", System.Globalization.CultureInfo.InvariantCulture);
}
