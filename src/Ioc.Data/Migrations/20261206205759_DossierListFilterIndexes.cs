using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ioc.Data.Migrations
{
    /// <inheritdoc />
    public partial class DossierListFilterIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_Open",
                table: "Dossiers",
                columns: new[] { "UnitId", "IsActive", "DueAt", "Status" },
                descending: new[] { false, true, false, false },
                filter: "Status IN (0,1,2)");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_ReturnedOrWithdrawn",
                table: "Dossiers",
                columns: new[] { "UnitId", "IsActive", "DueAt", "Status" },
                descending: new[] { false, true, false, false },
                filter: "Status IN (4,5)");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_UnitId_ProcedureId_IsActive_DueAt",
                table: "Dossiers",
                columns: new[] { "UnitId", "ProcedureId", "IsActive", "DueAt" },
                descending: new[] { false, false, true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_Open",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_ReturnedOrWithdrawn",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_UnitId_ProcedureId_IsActive_DueAt",
                table: "Dossiers");
        }
    }
}
