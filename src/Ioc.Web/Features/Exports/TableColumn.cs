using Ioc.Contracts;

namespace Ioc.Web.Features.Exports;

public enum ColumnFormat
{
    Text,
    Number,
    /// <summary>A <see cref="Rate"/>: a percentage in CSV, a number with a % format in XLSX, empty without data.</summary>
    Percent,
    Date,
    DateTime,
    Decimal,
}

/// <summary>A column of a table as both the page and its exports show it: same header (Vietnamese), same value.</summary>
public sealed record TableColumn<TRow>(string Header, Func<TRow, object?> Value, ColumnFormat Format = ColumnFormat.Text);
