using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ioc.Data.Migrations
{
    /// <inheritdoc />
    public partial class FinishedLateIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "FinishedOnTime",
                table: "Dossiers",
                type: "INTEGER",
                nullable: true);

            // Dossiers finished before this column existed get their verdict once, as DossierState.FinishedOnTime
            // judges it: more than one supplementation request is late; otherwise the finish, or for one returned
            // while waiting for the citizen the moment the clock stopped (the only pause, unresumed: "paused,,"),
            // against the last on-time millisecond (DueAt). Ingest writes the column from the state from now on.
            migrationBuilder.Sql(
                "UPDATE Dossiers SET FinishedOnTime = CASE WHEN PauseCount > 1 THEN 0 " +
                "WHEN (CASE WHEN PauseCount = 1 AND substr(Pauses, instr(Pauses, ',') + 1, 1) = ',' " +
                "THEN CAST(substr(Pauses, 1, instr(Pauses, ',') - 1) AS INTEGER) ELSE FinishedAt END) <= DueAt THEN 1 ELSE 0 END " +
                "WHERE Status IN (3, 4) AND DueAt IS NOT NULL AND FinishedAt IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_FinishedLate",
                table: "Dossiers",
                columns: new[] { "UnitId", "FinishedAt" },
                filter: "FinishedOnTime = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_FinishedLate",
                table: "Dossiers");

            migrationBuilder.DropColumn(
                name: "FinishedOnTime",
                table: "Dossiers");
        }
    }
}
