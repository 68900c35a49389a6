using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tertulia.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContactExchangesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ContactHourlyRollup_Exchanges",
                table: "ContactHourlyRollup",
                columns: new[] { "WorkspaceId", "ContactId", "Hour", "Exchanges" },
                filter: "\"Exchanges\" > 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContactHourlyRollup_Exchanges",
                table: "ContactHourlyRollup");
        }
    }
}
