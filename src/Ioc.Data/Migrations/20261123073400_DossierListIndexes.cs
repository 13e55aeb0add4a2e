using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ioc.Data.Migrations
{
    /// <inheritdoc />
    public partial class DossierListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_ProcedureId_UnitId",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_UnitId_IsActive_DueDate",
                table: "Dossiers");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_IsActive_DueDate",
                table: "Dossiers",
                columns: new[] { "IsActive", "DueDate" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_UnitId_IsActive_DueDate",
                table: "Dossiers",
                columns: new[] { "UnitId", "IsActive", "DueDate" },
                descending: new[] { false, true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_IsActive_DueDate",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_UnitId_IsActive_DueDate",
                table: "Dossiers");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_ProcedureId_UnitId",
                table: "Dossiers",
                columns: new[] { "ProcedureId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_UnitId_IsActive_DueDate",
                table: "Dossiers",
                columns: new[] { "UnitId", "IsActive", "DueDate" });
        }
    }
}
