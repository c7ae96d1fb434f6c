using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Data;

/// <summary>
/// PostgreSQL's own style is snake_case; this maps every table, column, key and index to it,
/// so hand-written SQL (migrations, COPY in the benchmark, reports) reads naturally.
/// </summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder model)
    {
        foreach (var entity in model.Model.GetEntityTypes())
        {
            if (entity.IsOwned() && entity.GetTableName() is null) continue;
            if (entity.GetTableName() is { } table) entity.SetTableName(ToSnake(table));
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName() is { } column && column != "xmin") property.SetColumnName(ToSnake(column));
            }
            // A value kept in its owner's row (e.g. who saved a version) has columns of its own.
            foreach (var complex in entity.GetComplexProperties())
            {
                foreach (var property in complex.ComplexType.GetProperties())
                    property.SetColumnName(ToSnake(complex.Name) + "_" + ToSnake(property.Name));
            }
            foreach (var key in entity.GetKeys()) key.SetName(ToSnake(key.GetName() ?? ""));
            foreach (var fk in entity.GetForeignKeys()) fk.SetConstraintName(ToSnake(fk.GetConstraintName() ?? ""));
            foreach (var index in entity.GetIndexes()) index.SetDatabaseName(ToSnake(index.GetDatabaseName() ?? ""));
        }
    }

    public static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) ||
                    (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
