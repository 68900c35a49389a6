using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tertulia.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MentionUnderstanding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Intent",
                table: "Mentions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsSpam",
                table: "Mentions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Sentiment",
                table: "Mentions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "SentimentScore",
                table: "Mentions",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Mentions_WorkspaceId_Intent_Published",
                table: "Mentions",
                columns: new[] { "WorkspaceId", "Intent", "Published" });

            migrationBuilder.CreateIndex(
                name: "IX_Mentions_WorkspaceId_Sentiment_Published",
                table: "Mentions",
                columns: new[] { "WorkspaceId", "Sentiment", "Published" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Mentions_WorkspaceId_Intent_Published",
                table: "Mentions");

            migrationBuilder.DropIndex(
                name: "IX_Mentions_WorkspaceId_Sentiment_Published",
                table: "Mentions");

            migrationBuilder.DropColumn(
                name: "Intent",
                table: "Mentions");

            migrationBuilder.DropColumn(
                name: "IsSpam",
                table: "Mentions");

            migrationBuilder.DropColumn(
                name: "Sentiment",
                table: "Mentions");

            migrationBuilder.DropColumn(
                name: "SentimentScore",
                table: "Mentions");
        }
    }
}
