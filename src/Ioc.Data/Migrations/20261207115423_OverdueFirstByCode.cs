using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ioc.Data.Migrations
{
    /// <inheritdoc />
    public partial class OverdueFirstByCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_IsActive_DueAt",
                table: "Dossiers");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_IsActive_DueAt_Code",
                table: "Dossiers",
                columns: new[] { "IsActive", "DueAt", "Code" },
                descending: new[] { true, false, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_IsActive_DueAt_Code",
                table: "Dossiers");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_IsActive_DueAt",
                table: "Dossiers",
                columns: new[] { "IsActive", "DueAt" },
                descending: new[] { true, false });
        }
    }
}
