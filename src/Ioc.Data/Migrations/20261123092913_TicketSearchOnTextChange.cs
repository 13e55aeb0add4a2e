using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ioc.Data.Migrations
{
    /// <summary>
    /// Ingest now updates existing tickets in place instead of INSERT OR REPLACE, so a ticket keeps its
    /// rowid and its TicketSearch entry: the before-insert clean-up goes, and the update trigger
    /// rewrites the entry only when the search text really changed (not on every event of the ticket).
    /// </summary>
    public partial class TicketSearchOnTextChange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Tickets_Search_BeforeInsert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Tickets_Search_AfterUpdate;");
            migrationBuilder.Sql("""
                CREATE TRIGGER Tickets_Search_AfterUpdate AFTER UPDATE OF SearchText ON Tickets
                WHEN OLD.SearchText IS NOT NEW.SearchText BEGIN
                    DELETE FROM TicketSearch WHERE rowid = OLD.rowid;
                    INSERT INTO TicketSearch (rowid, SearchText) VALUES (NEW.rowid, NEW.SearchText);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Tickets_Search_AfterUpdate;");
            migrationBuilder.Sql("""
                CREATE TRIGGER Tickets_Search_AfterUpdate AFTER UPDATE OF SearchText ON Tickets BEGIN
                    DELETE FROM TicketSearch WHERE rowid = OLD.rowid;
                    INSERT INTO TicketSearch (rowid, SearchText) VALUES (NEW.rowid, NEW.SearchText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Tickets_Search_BeforeInsert BEFORE INSERT ON Tickets BEGIN
                    DELETE FROM TicketSearch WHERE rowid = (SELECT rowid FROM Tickets WHERE Code = NEW.Code);
                END;
                """);
        }
    }
}
