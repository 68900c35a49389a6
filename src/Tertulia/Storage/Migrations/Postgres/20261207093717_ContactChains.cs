using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tertulia.Storage.Migrations.Postgres
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

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ChainsFinishedAt",
                table: "RollupBackfillState",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ExchangeGrowth",
                table: "ContactHourlyRollup",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "GrowthToDate",
                table: "ContactHourlyRollup",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextHour",
                table: "ContactHourlyRollup",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PreviousExchangeHour",
                table: "ContactHourlyRollup",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PreviousHour",
                table: "ContactHourlyRollup",
                type: "timestamp with time zone",
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
