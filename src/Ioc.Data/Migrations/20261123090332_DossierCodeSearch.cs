using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ioc.Data.Migrations
{
    /// <summary>
    /// A trigram full-text index over dossier codes, so that a code search ("0412", "220412-0003")
    /// reads the few matching dossiers instead of every code in the province.
    /// </summary>
    /// <remarks>
    /// The index is contentless (codes live in Dossiers only) and filled in bulk by
    /// DossierCodeIndexer, not by a trigger on every insert: DossierCodeSearchState.IndexedThrough is
    /// the last Dossiers rowid indexed, and searches scan the rows after it. Dossiers are never
    /// deleted by the app; the delete trigger keeps the index exact if someone does.
    /// </remarks>
    public partial class DossierCodeSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE VIRTUAL TABLE DossierCodeSearch USING fts5(Code, tokenize = 'trigram', content = '');");
            migrationBuilder.Sql("CREATE TABLE DossierCodeSearchState (Id INTEGER PRIMARY KEY CHECK (Id = 1), IndexedThrough INTEGER NOT NULL);");
            migrationBuilder.Sql("INSERT INTO DossierCodeSearchState (Id, IndexedThrough) VALUES (1, 0);");
            migrationBuilder.Sql("""
                CREATE TRIGGER Dossiers_CodeSearch_AfterDelete AFTER DELETE ON Dossiers
                WHEN OLD.rowid <= (SELECT IndexedThrough FROM DossierCodeSearchState) BEGIN
                    INSERT INTO DossierCodeSearch (DossierCodeSearch, rowid, Code) VALUES ('delete', OLD.rowid, OLD.Code);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Dossiers_CodeSearch_AfterDelete;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS DossierCodeSearchState;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS DossierCodeSearch;");
        }
    }
}
