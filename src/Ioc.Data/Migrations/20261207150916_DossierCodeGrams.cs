using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ioc.Data.Migrations
{
    /// <summary>
    /// A second index of dossier codes beside the trigram one: the codes' five-character pieces
    /// (DossierCodeGrams in Ioc.Aggregation), so that a search of five characters or more reads a few
    /// thousand entries instead of the hundreds of thousands each digit trigram holds at 15 M dossiers.
    /// Contentless, filled in bulk by DossierCodeIndexer like the trigram index and up to the same
    /// DossierCodeSearchState.IndexedThrough, which starts again from 0 here: both indexes are rebuilt
    /// in the background after this migration, and meanwhile searches scan the codes not indexed yet.
    /// contentless_delete lets the delete trigger remove a row by rowid without its pieces.
    /// </summary>
    public partial class DossierCodeGrams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE VIRTUAL TABLE DossierCodeGrams USING fts5(Grams, tokenize = \"unicode61 tokenchars '-.'\", content = '', detail = 'none', contentless_delete = 1);");
            migrationBuilder.Sql("INSERT INTO DossierCodeSearch (DossierCodeSearch) VALUES ('delete-all');");
            migrationBuilder.Sql("UPDATE DossierCodeSearchState SET IndexedThrough = 0;");
            migrationBuilder.Sql("""
                CREATE TRIGGER Dossiers_CodeGrams_AfterDelete AFTER DELETE ON Dossiers
                WHEN OLD.rowid <= (SELECT IndexedThrough FROM DossierCodeSearchState) BEGIN
                    DELETE FROM DossierCodeGrams WHERE rowid = OLD.rowid;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Dossiers_CodeGrams_AfterDelete;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS DossierCodeGrams;");
        }
    }
}
