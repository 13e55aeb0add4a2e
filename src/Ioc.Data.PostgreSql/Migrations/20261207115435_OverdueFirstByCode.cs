using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ioc.Data.PostgreSql.Migrations
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
                descending: new[] { true, false, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.Unspecified, NullSortOrder.NullsFirst, NullSortOrder.Unspecified });
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
                descending: new[] { true, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.Unspecified, NullSortOrder.NullsFirst });
        }
    }
}
