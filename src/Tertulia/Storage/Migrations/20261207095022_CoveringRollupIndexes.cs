using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tertulia.Storage.Migrations
{
    /// <inheritdoc />
    public partial class CoveringRollupIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ResponseRollup_WorkspaceId_Hour",
                table: "ResponseRollup");

            migrationBuilder.CreateIndex(
                name: "IX_ResponseRollup_Period",
                table: "ResponseRollup",
                columns: new[] { "WorkspaceId", "Hour", "ChannelId", "Minutes" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactHourlyRollup_Period",
                table: "ContactHourlyRollup",
                columns: new[] { "WorkspaceId", "Hour", "Exchanges", "PreviousHour", "NextHour", "PreviousExchangeHour", "GrowthToDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ResponseRollup_Period",
                table: "ResponseRollup");

            migrationBuilder.DropIndex(
                name: "IX_ContactHourlyRollup_Period",
                table: "ContactHourlyRollup");

            migrationBuilder.CreateIndex(
                name: "IX_ResponseRollup_WorkspaceId_Hour",
                table: "ResponseRollup",
                columns: new[] { "WorkspaceId", "Hour" });
        }
    }
}
