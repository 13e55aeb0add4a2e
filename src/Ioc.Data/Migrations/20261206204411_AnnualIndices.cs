using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ioc.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnnualIndices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AnnualIndices",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Index = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: true),
                    MaxScore = table.Column<double>(type: "REAL", nullable: true),
                    Level = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    NationalRank = table.Column<int>(type: "INTEGER", nullable: true),
                    NationalOf = table.Column<int>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Components = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnualIndices", x => new { x.Year, x.UnitId, x.Index });
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnnualIndices_Index_Year",
                table: "AnnualIndices",
                columns: new[] { "Index", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_AnnualIndices_UnitId_Index",
                table: "AnnualIndices",
                columns: new[] { "UnitId", "Index" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnnualIndices");
        }
    }
}
