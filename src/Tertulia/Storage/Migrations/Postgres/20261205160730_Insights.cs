using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tertulia.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Insights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Role",
                table: "ListeningQueries",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Topic"); // queries saved before roles existed are topics

            migrationBuilder.CreateTable(
                name: "ContactHourlyRollup",
                columns: table => new
                {
                    WorkspaceId = table.Column<int>(type: "integer", nullable: false),
                    Hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ContactId = table.Column<int>(type: "integer", nullable: false),
                    Messages = table.Column<int>(type: "integer", nullable: false),
                    Exchanges = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactHourlyRollup", x => new { x.WorkspaceId, x.Hour, x.ContactId });
                    table.ForeignKey(
                        name: "FK_ContactHourlyRollup_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContactHourlyRollup_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HourlyRollup",
                columns: table => new
                {
                    WorkspaceId = table.Column<int>(type: "integer", nullable: false),
                    Hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChannelId = table.Column<int>(type: "integer", nullable: false),
                    Sentiment = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Intent = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FromBrand = table.Column<bool>(type: "boolean", nullable: false),
                    Answers = table.Column<bool>(type: "boolean", nullable: false),
                    Answered = table.Column<bool>(type: "boolean", nullable: false),
                    NeedsAnswer = table.Column<bool>(type: "boolean", nullable: false),
                    GotAnswer = table.Column<bool>(type: "boolean", nullable: false),
                    Mentions = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HourlyRollup", x => new { x.WorkspaceId, x.Hour, x.ChannelId, x.Sentiment, x.Intent, x.FromBrand, x.Answers, x.Answered, x.NeedsAnswer, x.GotAnswer });
                    table.ForeignKey(
                        name: "FK_HourlyRollup_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QueryHourlyRollup",
                columns: table => new
                {
                    WorkspaceId = table.Column<int>(type: "integer", nullable: false),
                    Hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    QueryId = table.Column<int>(type: "integer", nullable: false),
                    ChannelId = table.Column<int>(type: "integer", nullable: false),
                    Sentiment = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Intent = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FromBrand = table.Column<bool>(type: "boolean", nullable: false),
                    Mentions = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueryHourlyRollup", x => new { x.WorkspaceId, x.Hour, x.QueryId, x.ChannelId, x.Sentiment, x.Intent, x.FromBrand });
                    table.ForeignKey(
                        name: "FK_QueryHourlyRollup_ListeningQueries_QueryId",
                        column: x => x.QueryId,
                        principalTable: "ListeningQueries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResponseRollup",
                columns: table => new
                {
                    MentionId = table.Column<long>(type: "bigint", nullable: false),
                    WorkspaceId = table.Column<int>(type: "integer", nullable: false),
                    Hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChannelId = table.Column<int>(type: "integer", nullable: false),
                    Minutes = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResponseRollup", x => x.MentionId);
                    table.ForeignKey(
                        name: "FK_ResponseRollup_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RollupBackfillState",
                columns: table => new
                {
                    WorkspaceId = table.Column<int>(type: "integer", nullable: false),
                    AfterMentionId = table.Column<long>(type: "bigint", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupBackfillState", x => x.WorkspaceId);
                    table.ForeignKey(
                        name: "FK_RollupBackfillState_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TermHourlyRollup",
                columns: table => new
                {
                    WorkspaceId = table.Column<int>(type: "integer", nullable: false),
                    Hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Term = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Mentions = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TermHourlyRollup", x => new { x.WorkspaceId, x.Hour, x.Term });
                    table.ForeignKey(
                        name: "FK_TermHourlyRollup_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContactHourlyRollup_ContactId",
                table: "ContactHourlyRollup",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactHourlyRollup_WorkspaceId_ContactId_Hour",
                table: "ContactHourlyRollup",
                columns: new[] { "WorkspaceId", "ContactId", "Hour" });

            migrationBuilder.CreateIndex(
                name: "IX_QueryHourlyRollup_QueryId_Hour",
                table: "QueryHourlyRollup",
                columns: new[] { "QueryId", "Hour" });

            migrationBuilder.CreateIndex(
                name: "IX_ResponseRollup_WorkspaceId_Hour",
                table: "ResponseRollup",
                columns: new[] { "WorkspaceId", "Hour" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactHourlyRollup");

            migrationBuilder.DropTable(
                name: "HourlyRollup");

            migrationBuilder.DropTable(
                name: "QueryHourlyRollup");

            migrationBuilder.DropTable(
                name: "ResponseRollup");

            migrationBuilder.DropTable(
                name: "RollupBackfillState");

            migrationBuilder.DropTable(
                name: "TermHourlyRollup");

            migrationBuilder.DropColumn(
                name: "Role",
                table: "ListeningQueries");
        }
    }
}
