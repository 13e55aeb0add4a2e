using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ioc.Data.PostgreSql.Migrations
{
    /// <summary>
    /// The overdue-first indexes keep DueAt NULLS FIRST, the order the lists ask for (SQLite's NULL order), so that
    /// a page reads them in order and stops instead of sorting every dossier whose clock runs.
    /// </summary>
    public partial class DossierDueNullsFirst : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_AwaitingSupplement",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_IsActive_DueAt",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_Open",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_ReturnedOrWithdrawn",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_UnitId_IsActive_DueAt",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_UnitId_ProcedureId_IsActive_DueAt",
                table: "Dossiers");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_AwaitingSupplement",
                table: "Dossiers",
                columns: new[] { "UnitId", "IsActive", "DueAt" },
                descending: new[] { false, true, false },
                filter: "\"Status\" = 2")
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.NullsFirst });

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_IsActive_DueAt",
                table: "Dossiers",
                columns: new[] { "IsActive", "DueAt" },
                descending: new[] { true, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.Unspecified, NullSortOrder.NullsFirst });

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_Open",
                table: "Dossiers",
                columns: new[] { "UnitId", "IsActive", "DueAt", "Status" },
                descending: new[] { false, true, false, false },
                filter: "\"Status\" IN (0,1,2)")
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.NullsFirst, NullSortOrder.Unspecified });

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_ReturnedOrWithdrawn",
                table: "Dossiers",
                columns: new[] { "UnitId", "IsActive", "DueAt", "Status" },
                descending: new[] { false, true, false, false },
                filter: "\"Status\" IN (4,5)")
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.NullsFirst, NullSortOrder.Unspecified });

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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_AwaitingSupplement",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_IsActive_DueAt",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_Open",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_ReturnedOrWithdrawn",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_UnitId_IsActive_DueAt",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_UnitId_ProcedureId_IsActive_DueAt",
                table: "Dossiers");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_AwaitingSupplement",
                table: "Dossiers",
                columns: new[] { "UnitId", "IsActive", "DueAt" },
                descending: new[] { false, true, false },
                filter: "\"Status\" = 2");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_IsActive_DueAt",
                table: "Dossiers",
                columns: new[] { "IsActive", "DueAt" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_Open",
                table: "Dossiers",
                columns: new[] { "UnitId", "IsActive", "DueAt", "Status" },
                descending: new[] { false, true, false, false },
                filter: "\"Status\" IN (0,1,2)");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_ReturnedOrWithdrawn",
                table: "Dossiers",
                columns: new[] { "UnitId", "IsActive", "DueAt", "Status" },
                descending: new[] { false, true, false, false },
                filter: "\"Status\" IN (4,5)");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_UnitId_IsActive_DueAt",
                table: "Dossiers",
                columns: new[] { "UnitId", "IsActive", "DueAt" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_UnitId_ProcedureId_IsActive_DueAt",
                table: "Dossiers",
                columns: new[] { "UnitId", "ProcedureId", "IsActive", "DueAt" },
                descending: new[] { false, false, true, false });
        }
    }
}
