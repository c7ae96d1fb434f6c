using System.Reflection;

namespace Aftercare.Web.Features.Shared;

/// <summary>
/// The NHS.UK error summary lists errors in the order of the fields on the page. Form classes
/// declare their properties in that order, so an error's place is its property's place.
/// </summary>
public static class ErrorOrder
{
    public static int Of(object? pageModel, string key)
    {
        if (pageModel is null || string.IsNullOrEmpty(key)) return int.MaxValue;
        var parts = key.Split('.');
        var type = pageModel.GetType();
        var position = 0;
        foreach (var part in parts)
        {
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken).ToList();
            var index = properties.FindIndex(p => p.Name == part);
            if (index < 0) return position * 1000 + 999;
            position = position * 1000 + index;
            type = properties[index].PropertyType;
        }
        return position;
    }
}
