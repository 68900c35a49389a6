using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tertulia.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ExchangeGrowth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContactHourlyRollup_Exchanges",
                table: "ContactHourlyRollup");

            migrationBuilder.AddColumn<double>(
                name: "ExchangeGrowth",
                table: "ContactHourlyRollup",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.CreateIndex(
                name: "IX_ContactHourlyRollup_Exchanges",
                table: "ContactHourlyRollup",
                columns: new[] { "WorkspaceId", "ContactId", "Hour", "Exchanges", "ExchangeGrowth" },
                filter: "\"Exchanges\" > 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContactHourlyRollup_Exchanges",
                table: "ContactHourlyRollup");

            migrationBuilder.DropColumn(
                name: "ExchangeGrowth",
                table: "ContactHourlyRollup");

            migrationBuilder.CreateIndex(
                name: "IX_ContactHourlyRollup_Exchanges",
                table: "ContactHourlyRollup",
                columns: new[] { "WorkspaceId", "ContactId", "Hour", "Exchanges" },
                filter: "\"Exchanges\" > 0");
        }
    }
}
