using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tertulia.Storage.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Contacts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsBrand = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MentionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    MergedIntoId = table.Column<int>(type: "INTEGER", nullable: true)
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
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Display = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    FirstSeenAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    SurvivorId = table.Column<int>(type: "INTEGER", nullable: false),
                    AbsorbedId = table.Column<int>(type: "INTEGER", nullable: false),
                    MergedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Automatic = table.Column<bool>(type: "INTEGER", nullable: false),
                    MergedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    UndoneAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UndoneBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
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
                    MergeId = table.Column<int>(type: "INTEGER", nullable: false),
                    IdentityId = table.Column<long>(type: "INTEGER", nullable: false)
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
                    MergeId = table.Column<int>(type: "INTEGER", nullable: false),
                    MentionId = table.Column<long>(type: "INTEGER", nullable: false)
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

            // No FK_Mentions_Contacts_ContactId on SQLite: adding a constraint to an existing SQLite table rebuilds it and
            // drops the full-text triggers of Mentions. The model (and PostgreSQL) keep the relationship.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
