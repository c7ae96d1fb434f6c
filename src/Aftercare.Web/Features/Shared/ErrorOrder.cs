using System.Reflection;

namespace Aftercare.Web.Features.Shared;

/// <summary>
/// The NHS.UK error summary lists errors in the order of the fields on the page. Form classes
/// declare their properties in that order, so an error's place is its property's place; an entry
/// of a list ("Entries[2].Text") comes after the entries before it.
/// </summary>
public static class ErrorOrder
{
    public static long Of(object? pageModel, string key)
    {
        if (pageModel is null || string.IsNullOrEmpty(key)) return long.MaxValue;
        var parts = key.Split('.');
        var type = pageModel.GetType();
        var position = 0L;
        foreach (var part in parts)
        {
            var bracket = part.IndexOf('[');
            var name = bracket < 0 ? part : part[..bracket];
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken).ToList();
            var index = properties.FindIndex(p => p.Name == name);
            if (index < 0) return position * 1000 + 999;
            position = position * 1000 + index;
            type = properties[index].PropertyType;
            if (bracket >= 0 && int.TryParse(part[(bracket + 1)..^1], out var item))
            {
                position = position * 100 + Math.Min(item, 99);
                type = type.IsGenericType ? type.GetGenericArguments()[0] : type;
            }
        }
        return position;
    }
}
