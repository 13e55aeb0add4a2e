using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ioc.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScoreCardEventFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DigitizedDataReused",
                table: "DossierRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ElectronicCopy",
                table: "DossierRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "FinishedSatisfactory",
                table: "DossierRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "LinkedToDataStore",
                table: "DossierRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "PopulationData",
                table: "DossierRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "SyncedToNationalPortal",
                table: "DossierRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "VneidAuthenticated",
                table: "DossierRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DigitizedDataReused",
                table: "DossierRollups");

            migrationBuilder.DropColumn(
                name: "ElectronicCopy",
                table: "DossierRollups");

            migrationBuilder.DropColumn(
                name: "FinishedSatisfactory",
                table: "DossierRollups");

            migrationBuilder.DropColumn(
                name: "LinkedToDataStore",
                table: "DossierRollups");

            migrationBuilder.DropColumn(
                name: "PopulationData",
                table: "DossierRollups");

            migrationBuilder.DropColumn(
                name: "SyncedToNationalPortal",
                table: "DossierRollups");

            migrationBuilder.DropColumn(
                name: "VneidAuthenticated",
                table: "DossierRollups");
        }
    }
}
