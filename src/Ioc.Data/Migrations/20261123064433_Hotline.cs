using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ioc.Data.Migrations
{
    /// <summary>
    /// Hotline triage: a trigram full-text index over the tickets' folded search text (so that a
    /// search never scans every ticket), and indexes for duplicate links, look-ups by place and the queue's due-date order.
    /// </summary>
    /// <remarks>
    /// Ingest writes tickets with INSERT OR REPLACE, whose implicit delete fires no DELETE trigger
    /// (recursive_triggers is off): the BEFORE INSERT trigger removes the replaced row's entry instead.
    /// The index is contentless: the text lives in Tickets.SearchText only.
    /// </remarks>
    public partial class Hotline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE VIRTUAL TABLE TicketSearch USING fts5(SearchText, tokenize = 'trigram', content = '', contentless_delete = 1);");
            migrationBuilder.Sql("INSERT INTO TicketSearch (rowid, SearchText) SELECT rowid, SearchText FROM Tickets;");
            migrationBuilder.Sql("""
                CREATE TRIGGER Tickets_Search_BeforeInsert BEFORE INSERT ON Tickets BEGIN
                    DELETE FROM TicketSearch WHERE rowid = (SELECT rowid FROM Tickets WHERE Code = NEW.Code);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Tickets_Search_AfterInsert AFTER INSERT ON Tickets BEGIN
                    INSERT INTO TicketSearch (rowid, SearchText) VALUES (NEW.rowid, NEW.SearchText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Tickets_Search_AfterUpdate AFTER UPDATE OF SearchText ON Tickets BEGIN
                    DELETE FROM TicketSearch WHERE rowid = OLD.rowid;
                    INSERT INTO TicketSearch (rowid, SearchText) VALUES (NEW.rowid, NEW.SearchText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Tickets_Search_AfterDelete AFTER DELETE ON Tickets BEGIN
                    DELETE FROM TicketSearch WHERE rowid = OLD.rowid;
                END;
                """);
            migrationBuilder.Sql("CREATE INDEX IX_Tickets_DuplicateOf ON Tickets (DuplicateOf) WHERE DuplicateOf IS NOT NULL;");
            migrationBuilder.Sql("CREATE INDEX IX_Tickets_CommuneId_CreatedAt ON Tickets (CommuneId, CreatedAt);");
            // The queue over every status sorts by due date: without it a deep page sorts the whole year.
            migrationBuilder.Sql("CREATE INDEX IX_Tickets_DueAt ON Tickets (DueAt);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS IX_Tickets_DueAt;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS IX_Tickets_CommuneId_CreatedAt;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS IX_Tickets_DuplicateOf;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Tickets_Search_AfterDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Tickets_Search_AfterUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Tickets_Search_AfterInsert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Tickets_Search_BeforeInsert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS TicketSearch;");
        }
    }
}
