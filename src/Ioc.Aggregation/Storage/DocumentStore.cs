using System.Data.Common;
using Ioc.Domain.Documents;
using Microsoft.Data.Sqlite;

namespace Ioc.Aggregation.Storage;

/// <summary>Reads and writes current document states (văn bản đến/đi) with the writer's prepared statements.</summary>
public static class DocumentStore
{
    // Named as the properties of Ioc.Data.Entities.DocumentRow, which the migration creates the table from.
    private const string Columns =
        "Code, UnitId, Direction, Electronic, InterConnected, DigitallySigned, Subject, RegisteredAt, AssignedAt, Assignee, DueAt, DueSetAt, Status, IsOpen, ProcessedAt, LastEventAt";

    public static Dictionary<string, DocumentState> Load(WriterStatements statements, SqliteTransaction? tx, IReadOnlyCollection<string> codes) =>
        StateStore.LoadByCode(statements, tx, $"SELECT {Columns} FROM Documents WHERE Code", codes, Read, s => s.Code);

    /// <summary>Inserts new states and replaces changed ones (a document has few events; its row is small).</summary>
    public static void Save(WriterStatements statements, IEnumerable<DocumentState> states)
    {
        var names = RowColumns;
        // Bound by position: the parameters appear in VALUES in the order of the columns.
        var upsert = statements.Prepared(
            $"INSERT INTO Documents ({Columns}) VALUES ({string.Join(", ", names.Select(n => "@" + n))}) " +
            $"ON CONFLICT (Code) DO UPDATE SET {string.Join(", ", names.Skip(1).Select(n => $"{n} = excluded.{n}"))}");
        foreach (var s in states)
        {
            upsert.Bind(1, s.Code);
            upsert.Bind(2, s.UnitId);
            upsert.Bind(3, (int)s.Direction);
            upsert.Bind(4, s.Electronic);
            upsert.Bind(5, s.InterConnected);
            upsert.Bind(6, s.DigitallySigned);
            upsert.Bind(7, s.Subject);
            upsert.Bind(8, UnixTime.Ms(s.RegisteredAt));
            upsert.Bind(9, UnixTime.Ms(s.AssignedAt));
            upsert.Bind(10, s.Assignee);
            upsert.Bind(11, UnixTime.Ms(s.DueAt));
            upsert.Bind(12, UnixTime.Ms(s.DueSetAt));
            upsert.Bind(13, (int)s.Status);
            upsert.Bind(14, s.IsOpen);
            upsert.Bind(15, UnixTime.Ms(s.ProcessedAt));
            upsert.Bind(16, UnixTime.Ms(s.LastEventAt));
            upsert.Execute();
        }
    }

    /// <summary>Reads a row selected with <see cref="Columns"/>, by column name.</summary>
    internal static DocumentState Read(DbDataReader r)
    {
        long? Ms(string column) => r.IsDBNull(r.GetOrdinal(column)) ? null : r.GetInt64(r.GetOrdinal(column));
        string? Text(string column) => r.IsDBNull(r.GetOrdinal(column)) ? null : r.GetString(r.GetOrdinal(column));
        return new DocumentState(
            r.GetString(r.GetOrdinal("Code")),
            r.GetInt32(r.GetOrdinal("UnitId")),
            (DocumentDirection)r.GetInt32(r.GetOrdinal("Direction")),
            r.GetBoolean(r.GetOrdinal("Electronic")),
            r.GetBoolean(r.GetOrdinal("InterConnected")),
            r.GetBoolean(r.GetOrdinal("DigitallySigned")),
            Text("Subject"),
            UnixTime.At(r.GetInt64(r.GetOrdinal("RegisteredAt"))),
            UnixTime.At(Ms("AssignedAt")),
            Text("Assignee"),
            UnixTime.At(Ms("DueAt")),
            UnixTime.At(Ms("DueSetAt")),
            (DocumentStatus)r.GetInt32(r.GetOrdinal("Status")),
            UnixTime.At(Ms("ProcessedAt")),
            UnixTime.At(r.GetInt64(r.GetOrdinal("LastEventAt"))));
    }

    public const string SelectColumns = Columns;

    /// <summary>The columns a document row is written with (checked against the EF model by SchemaSourceTests).</summary>
    internal static readonly string[] RowColumns = Columns.Split(", ");
}
