using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ioc.Data.Migrations
{
    /// <inheritdoc />
    public partial class AwaitingSupplementIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_AwaitingSupplement",
                table: "Dossiers",
                columns: new[] { "UnitId", "IsActive", "DueDate" },
                descending: new[] { false, true, false },
                filter: "Status = 2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_AwaitingSupplement",
                table: "Dossiers");
        }
    }
}
