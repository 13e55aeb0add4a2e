using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ioc.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class UnitOverdueFirstByCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_UnitId_IsActive_DueAt",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_UnitId_ProcedureId_IsActive_DueAt",
                table: "Dossiers");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_UnitId_IsActive_DueAt_Code",
                table: "Dossiers",
                columns: new[] { "UnitId", "IsActive", "DueAt", "Code" },
                descending: new[] { false, true, false, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.NullsFirst, NullSortOrder.Unspecified });

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_UnitId_ProcedureId_IsActive_DueAt_Code",
                table: "Dossiers",
                columns: new[] { "UnitId", "ProcedureId", "IsActive", "DueAt", "Code" },
                descending: new[] { false, false, true, false, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.NullsFirst, NullSortOrder.Unspecified });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_UnitId_IsActive_DueAt_Code",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_UnitId_ProcedureId_IsActive_DueAt_Code",
                table: "Dossiers");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_UnitId_IsActive_DueAt",
                table: "Dossiers",
                columns: new[] { "UnitId", "IsActive", "DueAt" },
                descending: new[] { false, true, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.NullsFirst });

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_UnitId_ProcedureId_IsActive_DueAt",
                table: "Dossiers",
                columns: new[] { "UnitId", "ProcedureId", "IsActive", "DueAt" },
                descending: new[] { false, false, true, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.NullsFirst });
        }
    }
}
