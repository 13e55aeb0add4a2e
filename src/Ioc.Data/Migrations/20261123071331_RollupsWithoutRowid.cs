using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ioc.Data.Migrations
{
    /// <inheritdoc />
    public partial class RollupsWithoutRowid : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rollup rows are found and updated by their key on every batch: as WITHOUT ROWID tables the key IS
            // the table, so an upsert walks one B-tree instead of the key index and then the rowid table. Measures default to
            // 0 so that an upsert names only the measures that changed.
            migrationBuilder.Sql(@"CREATE TABLE ""DossierRollups_compact"" (
    ""UnitId"" INTEGER NOT NULL,
    ""ProcedureId"" INTEGER NOT NULL,
    ""Grain"" INTEGER NOT NULL,
    ""Period"" INTEGER NOT NULL,
    ""Received"" INTEGER NOT NULL DEFAULT 0,
    ""EligibleReceived"" INTEGER NOT NULL DEFAULT 0,
    ""EligibleOnline"" INTEGER NOT NULL DEFAULT 0,
    ""FullServiceReceived"" INTEGER NOT NULL DEFAULT 0,
    ""FullServiceOnline"" INTEGER NOT NULL DEFAULT 0,
    ""FeeBearing"" INTEGER NOT NULL DEFAULT 0,
    ""PaidOnline"" INTEGER NOT NULL DEFAULT 0,
    ""Digitized"" INTEGER NOT NULL DEFAULT 0,
    ""Finished"" INTEGER NOT NULL DEFAULT 0,
    ""FinishedOnTime"" INTEGER NOT NULL DEFAULT 0,
    ""Completed"" INTEGER NOT NULL DEFAULT 0,
    ""ElectronicResult"" INTEGER NOT NULL DEFAULT 0,
    ""Withdrawn"" INTEGER NOT NULL DEFAULT 0,
    ""SupplementRequests"" INTEGER NOT NULL DEFAULT 0,
    ""ActiveDelta"" INTEGER NOT NULL DEFAULT 0,
    ""OnTimeActiveDelta"" INTEGER NOT NULL DEFAULT 0,
    ""PastDueDelta"" INTEGER NOT NULL DEFAULT 0,
    ""PausedDelta"" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT ""PK_DossierRollups"" PRIMARY KEY (""UnitId"", ""ProcedureId"", ""Grain"", ""Period"")
) WITHOUT ROWID");
            migrationBuilder.Sql(@"INSERT INTO ""DossierRollups_compact"" (""UnitId"", ""ProcedureId"", ""Grain"", ""Period"", ""Received"", ""EligibleReceived"", ""EligibleOnline"", ""FullServiceReceived"", ""FullServiceOnline"", ""FeeBearing"", ""PaidOnline"", ""Digitized"", ""Finished"", ""FinishedOnTime"", ""Completed"", ""ElectronicResult"", ""Withdrawn"", ""SupplementRequests"", ""ActiveDelta"", ""OnTimeActiveDelta"", ""PastDueDelta"", ""PausedDelta"") SELECT ""UnitId"", ""ProcedureId"", ""Grain"", ""Period"", ""Received"", ""EligibleReceived"", ""EligibleOnline"", ""FullServiceReceived"", ""FullServiceOnline"", ""FeeBearing"", ""PaidOnline"", ""Digitized"", ""Finished"", ""FinishedOnTime"", ""Completed"", ""ElectronicResult"", ""Withdrawn"", ""SupplementRequests"", ""ActiveDelta"", ""OnTimeActiveDelta"", ""PastDueDelta"", ""PausedDelta"" FROM ""DossierRollups""");
            migrationBuilder.Sql(@"DROP TABLE ""DossierRollups""");
            migrationBuilder.Sql(@"ALTER TABLE ""DossierRollups_compact"" RENAME TO ""DossierRollups""");
            migrationBuilder.Sql(@"CREATE TABLE ""TicketRollups_compact"" (
    ""UnitId"" INTEGER NOT NULL,
    ""Dimension"" INTEGER NOT NULL,
    ""DimensionValue"" INTEGER NOT NULL,
    ""Grain"" INTEGER NOT NULL,
    ""Period"" INTEGER NOT NULL,
    ""Received"" INTEGER NOT NULL DEFAULT 0,
    ""Answered"" INTEGER NOT NULL DEFAULT 0,
    ""AnsweredOnTime"" INTEGER NOT NULL DEFAULT 0,
    ""Rated"" INTEGER NOT NULL DEFAULT 0,
    ""Satisfied"" INTEGER NOT NULL DEFAULT 0,
    ""Rejected"" INTEGER NOT NULL DEFAULT 0,
    ""Duplicates"" INTEGER NOT NULL DEFAULT 0,
    ""OpenDelta"" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT ""PK_TicketRollups"" PRIMARY KEY (""UnitId"", ""Dimension"", ""DimensionValue"", ""Grain"", ""Period"")
) WITHOUT ROWID");
            migrationBuilder.Sql(@"INSERT INTO ""TicketRollups_compact"" (""UnitId"", ""Dimension"", ""DimensionValue"", ""Grain"", ""Period"", ""Received"", ""Answered"", ""AnsweredOnTime"", ""Rated"", ""Satisfied"", ""Rejected"", ""Duplicates"", ""OpenDelta"") SELECT ""UnitId"", ""Dimension"", ""DimensionValue"", ""Grain"", ""Period"", ""Received"", ""Answered"", ""AnsweredOnTime"", ""Rated"", ""Satisfied"", ""Rejected"", ""Duplicates"", ""OpenDelta"" FROM ""TicketRollups""");
            migrationBuilder.Sql(@"DROP TABLE ""TicketRollups""");
            migrationBuilder.Sql(@"ALTER TABLE ""TicketRollups_compact"" RENAME TO ""TicketRollups""");
            migrationBuilder.Sql(@"CREATE TABLE ""TicketAnswerTimes_compact"" (
    ""UnitId"" INTEGER NOT NULL,
    ""Dimension"" INTEGER NOT NULL,
    ""DimensionValue"" INTEGER NOT NULL,
    ""Grain"" INTEGER NOT NULL,
    ""Period"" INTEGER NOT NULL,
    ""Hours"" INTEGER NOT NULL,
    ""Count"" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT ""PK_TicketAnswerTimes"" PRIMARY KEY (""UnitId"", ""Dimension"", ""DimensionValue"", ""Grain"", ""Period"", ""Hours"")
) WITHOUT ROWID");
            migrationBuilder.Sql(@"INSERT INTO ""TicketAnswerTimes_compact"" (""UnitId"", ""Dimension"", ""DimensionValue"", ""Grain"", ""Period"", ""Hours"", ""Count"") SELECT ""UnitId"", ""Dimension"", ""DimensionValue"", ""Grain"", ""Period"", ""Hours"", ""Count"" FROM ""TicketAnswerTimes""");
            migrationBuilder.Sql(@"DROP TABLE ""TicketAnswerTimes""");
            migrationBuilder.Sql(@"ALTER TABLE ""TicketAnswerTimes_compact"" RENAME TO ""TicketAnswerTimes""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"CREATE TABLE ""DossierRollups_rowid"" (
    ""UnitId"" INTEGER NOT NULL,
    ""ProcedureId"" INTEGER NOT NULL,
    ""Grain"" INTEGER NOT NULL,
    ""Period"" INTEGER NOT NULL,
    ""Received"" INTEGER NOT NULL,
    ""EligibleReceived"" INTEGER NOT NULL,
    ""EligibleOnline"" INTEGER NOT NULL,
    ""FullServiceReceived"" INTEGER NOT NULL,
    ""FullServiceOnline"" INTEGER NOT NULL,
    ""FeeBearing"" INTEGER NOT NULL,
    ""PaidOnline"" INTEGER NOT NULL,
    ""Digitized"" INTEGER NOT NULL,
    ""Finished"" INTEGER NOT NULL,
    ""FinishedOnTime"" INTEGER NOT NULL,
    ""Completed"" INTEGER NOT NULL,
    ""ElectronicResult"" INTEGER NOT NULL,
    ""Withdrawn"" INTEGER NOT NULL,
    ""SupplementRequests"" INTEGER NOT NULL,
    ""ActiveDelta"" INTEGER NOT NULL,
    ""OnTimeActiveDelta"" INTEGER NOT NULL,
    ""PastDueDelta"" INTEGER NOT NULL,
    ""PausedDelta"" INTEGER NOT NULL,
    CONSTRAINT ""PK_DossierRollups"" PRIMARY KEY (""UnitId"", ""ProcedureId"", ""Grain"", ""Period"")
)");
            migrationBuilder.Sql(@"INSERT INTO ""DossierRollups_rowid"" (""UnitId"", ""ProcedureId"", ""Grain"", ""Period"", ""Received"", ""EligibleReceived"", ""EligibleOnline"", ""FullServiceReceived"", ""FullServiceOnline"", ""FeeBearing"", ""PaidOnline"", ""Digitized"", ""Finished"", ""FinishedOnTime"", ""Completed"", ""ElectronicResult"", ""Withdrawn"", ""SupplementRequests"", ""ActiveDelta"", ""OnTimeActiveDelta"", ""PastDueDelta"", ""PausedDelta"") SELECT ""UnitId"", ""ProcedureId"", ""Grain"", ""Period"", ""Received"", ""EligibleReceived"", ""EligibleOnline"", ""FullServiceReceived"", ""FullServiceOnline"", ""FeeBearing"", ""PaidOnline"", ""Digitized"", ""Finished"", ""FinishedOnTime"", ""Completed"", ""ElectronicResult"", ""Withdrawn"", ""SupplementRequests"", ""ActiveDelta"", ""OnTimeActiveDelta"", ""PastDueDelta"", ""PausedDelta"" FROM ""DossierRollups""");
            migrationBuilder.Sql(@"DROP TABLE ""DossierRollups""");
            migrationBuilder.Sql(@"ALTER TABLE ""DossierRollups_rowid"" RENAME TO ""DossierRollups""");
            migrationBuilder.Sql(@"CREATE TABLE ""TicketRollups_rowid"" (
    ""UnitId"" INTEGER NOT NULL,
    ""Dimension"" INTEGER NOT NULL,
    ""DimensionValue"" INTEGER NOT NULL,
    ""Grain"" INTEGER NOT NULL,
    ""Period"" INTEGER NOT NULL,
    ""Received"" INTEGER NOT NULL,
    ""Answered"" INTEGER NOT NULL,
    ""AnsweredOnTime"" INTEGER NOT NULL,
    ""Rated"" INTEGER NOT NULL,
    ""Satisfied"" INTEGER NOT NULL,
    ""Rejected"" INTEGER NOT NULL,
    ""Duplicates"" INTEGER NOT NULL,
    ""OpenDelta"" INTEGER NOT NULL,
    CONSTRAINT ""PK_TicketRollups"" PRIMARY KEY (""UnitId"", ""Dimension"", ""DimensionValue"", ""Grain"", ""Period"")
)");
            migrationBuilder.Sql(@"INSERT INTO ""TicketRollups_rowid"" (""UnitId"", ""Dimension"", ""DimensionValue"", ""Grain"", ""Period"", ""Received"", ""Answered"", ""AnsweredOnTime"", ""Rated"", ""Satisfied"", ""Rejected"", ""Duplicates"", ""OpenDelta"") SELECT ""UnitId"", ""Dimension"", ""DimensionValue"", ""Grain"", ""Period"", ""Received"", ""Answered"", ""AnsweredOnTime"", ""Rated"", ""Satisfied"", ""Rejected"", ""Duplicates"", ""OpenDelta"" FROM ""TicketRollups""");
            migrationBuilder.Sql(@"DROP TABLE ""TicketRollups""");
            migrationBuilder.Sql(@"ALTER TABLE ""TicketRollups_rowid"" RENAME TO ""TicketRollups""");
            migrationBuilder.Sql(@"CREATE TABLE ""TicketAnswerTimes_rowid"" (
    ""UnitId"" INTEGER NOT NULL,
    ""Dimension"" INTEGER NOT NULL,
    ""DimensionValue"" INTEGER NOT NULL,
    ""Grain"" INTEGER NOT NULL,
    ""Period"" INTEGER NOT NULL,
    ""Hours"" INTEGER NOT NULL,
    ""Count"" INTEGER NOT NULL,
    CONSTRAINT ""PK_TicketAnswerTimes"" PRIMARY KEY (""UnitId"", ""Dimension"", ""DimensionValue"", ""Grain"", ""Period"", ""Hours"")
)");
            migrationBuilder.Sql(@"INSERT INTO ""TicketAnswerTimes_rowid"" (""UnitId"", ""Dimension"", ""DimensionValue"", ""Grain"", ""Period"", ""Hours"", ""Count"") SELECT ""UnitId"", ""Dimension"", ""DimensionValue"", ""Grain"", ""Period"", ""Hours"", ""Count"" FROM ""TicketAnswerTimes""");
            migrationBuilder.Sql(@"DROP TABLE ""TicketAnswerTimes""");
            migrationBuilder.Sql(@"ALTER TABLE ""TicketAnswerTimes_rowid"" RENAME TO ""TicketAnswerTimes""");
        }
    }
}
