using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Aftercare.Bench;

/// <summary>
/// Writes entities of one type of the application's model with binary COPY, column by column as
/// the model maps them (names, value converters such as the strongly typed ids and the letter's
/// JSON, enums as numbers). The rows are then exactly what the application would have saved,
/// without listing the columns by hand, and a column the model gains is written too. Columns the
/// database makes itself (the row version) are left to it.
/// </summary>
public sealed class ModelCopy
{
    private readonly (IProperty Property, string DataType)[] _columns;

    public string Table { get; }
    public string Sql { get; }

    public ModelCopy(IEntityType type)
    {
        Table = type.GetTableName() ?? throw new BenchException($"{type.DisplayName()} is not mapped to a table");
        var store = StoreObjectIdentifier.Table(Table, type.GetSchema());
        _columns = [.. type.GetProperties()
            .Where(p => p.GetColumnName(store) is { } name && name != "xmin" && p.ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAddOrUpdate)
            .Select(p => (p, BaseType(p.GetColumnType())))];
        Sql = $"COPY {Table} ({string.Join(", ", _columns.Select(c => c.Property.GetColumnName(store)))}) FROM STDIN (FORMAT BINARY)";
    }

    public static ModelCopy For<T>(DbContext db) =>
        new(db.Model.FindEntityType(typeof(T)) ?? throw new BenchException($"{typeof(T).Name} is not in the model"));

    public void Write(NpgsqlBinaryImporter w, object entity)
    {
        w.StartRow();
        foreach (var (property, dataType) in _columns)
        {
            var value = property.GetGetter().GetClrValueUsingContainingEntity(entity);
            if (value is not null && property.GetTypeMapping().Converter is { } converter) value = converter.ConvertToProvider(value);
            if (value is null) w.WriteNull();
            else w.Write(value, dataType);
        }
    }

    /// <summary>"character varying(200)" is written as "character varying".</summary>
    private static string BaseType(string storeType) => storeType.IndexOf('(') is var i and > 0 ? storeType[..i].Trim() : storeType;

    /// <summary>Copies <paramref name="rows"/> into the table in one statement.</summary>
    public async Task<long> CopyAsync(NpgsqlDataSource dataSource, IEnumerable<object> rows)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        await using var importer = await conn.BeginBinaryImportAsync(Sql);
        foreach (var row in rows) Write(importer, row);
        return (long)await importer.CompleteAsync();
    }
}
