using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tertulia.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ContactChains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContactHourlyRollup_Exchanges",
                table: "ContactHourlyRollup");

            migrationBuilder.AddColumn<long>(
                name: "ChainsFinishedAt",
                table: "RollupBackfillState",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ExchangeGrowth",
                table: "ContactHourlyRollup",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "GrowthToDate",
                table: "ContactHourlyRollup",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<long>(
                name: "NextHour",
                table: "ContactHourlyRollup",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PreviousExchangeHour",
                table: "ContactHourlyRollup",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PreviousHour",
                table: "ContactHourlyRollup",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ChainsFinishedAt",
                table: "RollupBackfillState");

            migrationBuilder.DropColumn(
                name: "ExchangeGrowth",
                table: "ContactHourlyRollup");

            migrationBuilder.DropColumn(
                name: "GrowthToDate",
                table: "ContactHourlyRollup");

            migrationBuilder.DropColumn(
                name: "NextHour",
                table: "ContactHourlyRollup");

            migrationBuilder.DropColumn(
                name: "PreviousExchangeHour",
                table: "ContactHourlyRollup");

            migrationBuilder.DropColumn(
                name: "PreviousHour",
                table: "ContactHourlyRollup");

            migrationBuilder.CreateIndex(
                name: "IX_ContactHourlyRollup_Exchanges",
                table: "ContactHourlyRollup",
                columns: new[] { "WorkspaceId", "ContactId", "Hour", "Exchanges" },
                filter: "\"Exchanges\" > 0");
        }
    }
}
