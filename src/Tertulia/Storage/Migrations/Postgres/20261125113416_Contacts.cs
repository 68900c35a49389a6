using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Tertulia.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Contacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ContactId",
                table: "Mentions",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Contacts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkspaceId = table.Column<int>(type: "integer", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsBrand = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MentionCount = table.Column<int>(type: "integer", nullable: false),
                    MergedIntoId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contacts_Contacts_MergedIntoId",
                        column: x => x.MergedIntoId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Contacts_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContactFollows",
                columns: table => new
                {
                    ContactId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    WorkspaceId = table.Column<int>(type: "integer", nullable: false),
                    FollowedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactFollows", x => new { x.ContactId, x.UserId });
                    table.ForeignKey(
                        name: "FK_ContactFollows_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContactIdentities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkspaceId = table.Column<int>(type: "integer", nullable: false),
                    ContactId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Display = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    FirstSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactIdentities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactIdentities_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContactMerges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkspaceId = table.Column<int>(type: "integer", nullable: false),
                    SurvivorId = table.Column<int>(type: "integer", nullable: false),
                    AbsorbedId = table.Column<int>(type: "integer", nullable: false),
                    MergedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Automatic = table.Column<bool>(type: "boolean", nullable: false),
                    MergedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    UndoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UndoneBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactMerges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactMerges_Contacts_AbsorbedId",
                        column: x => x.AbsorbedId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContactMerges_Contacts_SurvivorId",
                        column: x => x.SurvivorId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContactMerges_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContactMergeIdentities",
                columns: table => new
                {
                    MergeId = table.Column<int>(type: "integer", nullable: false),
                    IdentityId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactMergeIdentities", x => new { x.MergeId, x.IdentityId });
                    table.ForeignKey(
                        name: "FK_ContactMergeIdentities_ContactIdentities_IdentityId",
                        column: x => x.IdentityId,
                        principalTable: "ContactIdentities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContactMergeIdentities_ContactMerges_MergeId",
                        column: x => x.MergeId,
                        principalTable: "ContactMerges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContactMergeMentions",
                columns: table => new
                {
                    MergeId = table.Column<int>(type: "integer", nullable: false),
                    MentionId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactMergeMentions", x => new { x.MergeId, x.MentionId });
                    table.ForeignKey(
                        name: "FK_ContactMergeMentions_ContactMerges_MergeId",
                        column: x => x.MergeId,
                        principalTable: "ContactMerges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContactMergeMentions_Mentions_MentionId",
                        column: x => x.MentionId,
                        principalTable: "Mentions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Mentions_ContactId_Published",
                table: "Mentions",
                columns: new[] { "ContactId", "Published" });

            migrationBuilder.CreateIndex(
                name: "IX_Mentions_ContactUnresolved",
                table: "Mentions",
                column: "Id",
                filter: "\"ContactId\" IS NULL AND (\"Author\" IS NOT NULL OR \"AuthorUrl\" IS NOT NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_ContactFollows_WorkspaceId_UserId",
                table: "ContactFollows",
                columns: new[] { "WorkspaceId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactIdentities_ContactId",
                table: "ContactIdentities",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactIdentities_WorkspaceId_Key",
                table: "ContactIdentities",
                columns: new[] { "WorkspaceId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContactMergeIdentities_IdentityId",
                table: "ContactMergeIdentities",
                column: "IdentityId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactMergeMentions_MentionId",
                table: "ContactMergeMentions",
                column: "MentionId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactMerges_AbsorbedId",
                table: "ContactMerges",
                column: "AbsorbedId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactMerges_SurvivorId",
                table: "ContactMerges",
                column: "SurvivorId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactMerges_WorkspaceId",
                table: "ContactMerges",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_MergedIntoId",
                table: "Contacts",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_WorkspaceId_LastSeenAt",
                table: "Contacts",
                columns: new[] { "WorkspaceId", "LastSeenAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_Mentions_Contacts_ContactId",
                table: "Mentions",
                column: "ContactId",
                principalTable: "Contacts",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Mentions_Contacts_ContactId",
                table: "Mentions");

            migrationBuilder.DropTable(
                name: "ContactFollows");

            migrationBuilder.DropTable(
                name: "ContactMergeIdentities");

            migrationBuilder.DropTable(
                name: "ContactMergeMentions");

            migrationBuilder.DropTable(
                name: "ContactIdentities");

            migrationBuilder.DropTable(
                name: "ContactMerges");

            migrationBuilder.DropTable(
                name: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Mentions_ContactId_Published",
                table: "Mentions");

            migrationBuilder.DropIndex(
                name: "IX_Mentions_ContactUnresolved",
                table: "Mentions");

            migrationBuilder.DropColumn(
                name: "ContactId",
                table: "Mentions");
        }
    }
}
