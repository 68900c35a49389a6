using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tertulia.Storage.Migrations
{
    /// <inheritdoc />
    public partial class DailyRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DailyFinishedAt",
                table: "RollupBackfillState",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DailyRollup",
                columns: table => new
                {
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<long>(type: "INTEGER", nullable: false),
                    ChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sentiment = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Intent = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FromBrand = table.Column<bool>(type: "INTEGER", nullable: false),
                    Answers = table.Column<bool>(type: "INTEGER", nullable: false),
                    Answered = table.Column<bool>(type: "INTEGER", nullable: false),
                    NeedsAnswer = table.Column<bool>(type: "INTEGER", nullable: false),
                    GotAnswer = table.Column<bool>(type: "INTEGER", nullable: false),
                    Mentions = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyRollup", x => new { x.WorkspaceId, x.Day, x.ChannelId, x.Sentiment, x.Intent, x.FromBrand, x.Answers, x.Answered, x.NeedsAnswer, x.GotAnswer });
                    table.ForeignKey(
                        name: "FK_DailyRollup_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QueryDailyRollup",
                columns: table => new
                {
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<long>(type: "INTEGER", nullable: false),
                    QueryId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sentiment = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Intent = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FromBrand = table.Column<bool>(type: "INTEGER", nullable: false),
                    Mentions = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueryDailyRollup", x => new { x.WorkspaceId, x.Day, x.QueryId, x.ChannelId, x.Sentiment, x.Intent, x.FromBrand });
                    table.ForeignKey(
                        name: "FK_QueryDailyRollup_ListeningQueries_QueryId",
                        column: x => x.QueryId,
                        principalTable: "ListeningQueries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TermDailyRollup",
                columns: table => new
                {
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<long>(type: "INTEGER", nullable: false),
                    Term = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Mentions = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TermDailyRollup", x => new { x.WorkspaceId, x.Day, x.Term });
                    table.ForeignKey(
                        name: "FK_TermDailyRollup_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QueryDailyRollup_QueryId_Day",
                table: "QueryDailyRollup",
                columns: new[] { "QueryId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DailyRollup");

            migrationBuilder.DropTable(
                name: "QueryDailyRollup");

            migrationBuilder.DropTable(
                name: "TermDailyRollup");

            migrationBuilder.DropColumn(
                name: "DailyFinishedAt",
                table: "RollupBackfillState");
        }
    }
}
