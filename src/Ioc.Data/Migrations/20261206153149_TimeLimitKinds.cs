using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ioc.Data.Migrations
{
    /// <inheritdoc />
    public partial class TimeLimitKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "IX_Dossiers_AwaitingSupplement", table: "Dossiers");
            migrationBuilder.DropIndex(name: "IX_Dossiers_IsActive_DueDate", table: "Dossiers");
            migrationBuilder.DropIndex(name: "IX_Dossiers_UnitId_IsActive_DueDate", table: "Dossiers");

            migrationBuilder.AddColumn<int>(name: "LimitKind", table: "Procedures", type: "INTEGER", nullable: false, defaultValue: 0);
            migrationBuilder.AddColumn<int>(name: "LimitAmount", table: "Procedures", type: "INTEGER", nullable: true);
            migrationBuilder.AddColumn<int>(name: "LimitKind", table: "Dossiers", type: "INTEGER", nullable: false, defaultValue: 0);
            migrationBuilder.AddColumn<int>(name: "LimitAmount", table: "Dossiers", type: "INTEGER", nullable: true);
            migrationBuilder.AddColumn<long>(name: "InitialDueAt", table: "Dossiers", type: "INTEGER", nullable: true);
            migrationBuilder.AddColumn<long>(name: "DueAt", table: "Dossiers", type: "INTEGER", nullable: true);
            migrationBuilder.AddColumn<long>(name: "ActiveWithoutLimitDelta", table: "DossierRollups", type: "INTEGER", nullable: false, defaultValue: 0L);
            migrationBuilder.AddColumn<long>(name: "FinishedWithoutLimit", table: "DossierRollups", type: "INTEGER", nullable: false, defaultValue: 0L);

            // Every limit so far was in working days (LimitKind 0). A due day D becomes its last
            // on-time millisecond: 24:00 of D at UTC+7, minus 1 ms (719162 = day number of 1970-01-01).
            // Pause strings keep their day numbers; StateStore reads those as whole days.
            migrationBuilder.Sql("UPDATE Procedures SET LimitKind = 0, LimitAmount = WorkingDays;");
            migrationBuilder.Sql(
                "UPDATE Dossiers SET LimitKind = 0, " +
                "LimitAmount = (SELECT p.WorkingDays FROM Procedures p WHERE p.Id = Dossiers.ProcedureId), " +
                "InitialDueAt = (InitialDueDate - 719161) * 86400000 - 25200000 - 1, " +
                "DueAt = (DueDate - 719161) * 86400000 - 25200000 - 1;");

            // SQLite drops unindexed columns in place. EF's DropColumn would rebuild Dossiers instead,
            // renumbering rowids under the code-search index and dropping its delete trigger.
            migrationBuilder.Sql("ALTER TABLE Procedures DROP COLUMN WorkingDays;");
            migrationBuilder.Sql("ALTER TABLE Dossiers DROP COLUMN InitialDueDate;");
            migrationBuilder.Sql("ALTER TABLE Dossiers DROP COLUMN DueDate;");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_AwaitingSupplement",
                table: "Dossiers",
                columns: new[] { "UnitId", "IsActive", "DueAt" },
                descending: new[] { false, true, false },
                filter: "Status = 2");
            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_IsActive_DueAt",
                table: "Dossiers",
                columns: new[] { "IsActive", "DueAt" },
                descending: new[] { true, false });
            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_UnitId_IsActive_DueAt",
                table: "Dossiers",
                columns: new[] { "UnitId", "IsActive", "DueAt" },
                descending: new[] { false, true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "IX_Dossiers_AwaitingSupplement", table: "Dossiers");
            migrationBuilder.DropIndex(name: "IX_Dossiers_IsActive_DueAt", table: "Dossiers");
            migrationBuilder.DropIndex(name: "IX_Dossiers_UnitId_IsActive_DueAt", table: "Dossiers");

            migrationBuilder.AddColumn<int>(name: "WorkingDays", table: "Procedures", type: "INTEGER", nullable: false, defaultValue: 0);
            migrationBuilder.AddColumn<int>(name: "InitialDueDate", table: "Dossiers", type: "INTEGER", nullable: false, defaultValue: 0);
            migrationBuilder.AddColumn<int>(name: "DueDate", table: "Dossiers", type: "INTEGER", nullable: false, defaultValue: 0);
            // Only working-day limits existed before; other kinds cannot go back and keep amount 0 / their day.
            migrationBuilder.Sql("UPDATE Procedures SET WorkingDays = COALESCE(LimitAmount, 0);");
            migrationBuilder.Sql(
                "UPDATE Dossiers SET InitialDueDate = COALESCE((InitialDueAt + 25200000) / 86400000 + 719162, 0), " +
                "DueDate = COALESCE((DueAt + 25200000) / 86400000 + 719162, 0);");

            migrationBuilder.Sql("ALTER TABLE Procedures DROP COLUMN LimitKind;");
            migrationBuilder.Sql("ALTER TABLE Procedures DROP COLUMN LimitAmount;");
            migrationBuilder.Sql("ALTER TABLE Dossiers DROP COLUMN LimitKind;");
            migrationBuilder.Sql("ALTER TABLE Dossiers DROP COLUMN LimitAmount;");
            migrationBuilder.Sql("ALTER TABLE Dossiers DROP COLUMN InitialDueAt;");
            migrationBuilder.Sql("ALTER TABLE Dossiers DROP COLUMN DueAt;");
            migrationBuilder.Sql("ALTER TABLE DossierRollups DROP COLUMN ActiveWithoutLimitDelta;");
            migrationBuilder.Sql("ALTER TABLE DossierRollups DROP COLUMN FinishedWithoutLimit;");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_AwaitingSupplement",
                table: "Dossiers",
                columns: new[] { "UnitId", "IsActive", "DueDate" },
                descending: new[] { false, true, false },
                filter: "Status = 2");
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
    }
}
