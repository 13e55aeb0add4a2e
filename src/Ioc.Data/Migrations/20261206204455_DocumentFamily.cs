using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ioc.Data.Migrations
{
    /// <inheritdoc />
    public partial class DocumentFamily : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // As the other rollups (RollupsWithoutRowid): the key is the table, and measures default to 0
            // because an upsert names only the measures that changed.
            migrationBuilder.Sql(@"CREATE TABLE ""DocumentRollups"" (
    ""UnitId"" INTEGER NOT NULL,
    ""Grain"" INTEGER NOT NULL,
    ""Period"" INTEGER NOT NULL,
    ""Received"" INTEGER NOT NULL DEFAULT 0,
    ""Issued"" INTEGER NOT NULL DEFAULT 0,
    ""Electronic"" INTEGER NOT NULL DEFAULT 0,
    ""InterConnected"" INTEGER NOT NULL DEFAULT 0,
    ""IssuedSigned"" INTEGER NOT NULL DEFAULT 0,
    ""Processed"" INTEGER NOT NULL DEFAULT 0,
    ""ProcessedWithDue"" INTEGER NOT NULL DEFAULT 0,
    ""ProcessedOnTime"" INTEGER NOT NULL DEFAULT 0,
    ""HandlingMinutes"" INTEGER NOT NULL DEFAULT 0,
    ""OpenDelta"" INTEGER NOT NULL DEFAULT 0,
    ""PastDueDelta"" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT ""PK_DocumentRollups"" PRIMARY KEY (""UnitId"", ""Grain"", ""Period"")
) WITHOUT ROWID");

            migrationBuilder.CreateTable(
                name: "Documents",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Direction = table.Column<int>(type: "INTEGER", nullable: false),
                    Electronic = table.Column<bool>(type: "INTEGER", nullable: false),
                    InterConnected = table.Column<bool>(type: "INTEGER", nullable: false),
                    DigitallySigned = table.Column<bool>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AssignedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Assignee = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DueSetAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    IsOpen = table.Column<bool>(type: "INTEGER", nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastEventAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Documents", x => x.Code);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Documents_UnitId_IsOpen_DueAt",
                table: "Documents",
                columns: new[] { "UnitId", "IsOpen", "DueAt" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Documents_UnitId_RegisteredAt",
                table: "Documents",
                columns: new[] { "UnitId", "RegisteredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DocumentRollups");

            migrationBuilder.DropTable(
                name: "Documents");
        }
    }
}
