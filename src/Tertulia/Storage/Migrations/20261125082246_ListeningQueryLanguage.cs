using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tertulia.Storage.Migrations
{
    /// <summary>Listening queries move from keyword lists to the query language; re-tagging gets its job table.</summary>
    public partial class ListeningQueryLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Keywords",
                table: "ListeningQueries",
                newName: "Expression");

            migrationBuilder.AddColumn<long>(
                name: "UpdatedAt",
                table: "ListeningQueries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // A keyword list "a, b c; d" becomes the query "a" OR "b c" OR "d": each keyword was a phrase.
            migrationBuilder.Sql("""
                UPDATE "ListeningQueries" SET
                    "Expression" = '"' || replace(replace(replace(replace(trim("Expression"), '"', ''), char(10), ','), ';', ','), ',', '" OR "') || '"',
                    "UpdatedAt" = "CreatedAt";
                """);

            migrationBuilder.CreateTable(
                name: "RetagJobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    QueryId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Done = table.Column<int>(type: "INTEGER", nullable: false),
                    Matched = table.Column<int>(type: "INTEGER", nullable: false),
                    AfterMentionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Superseded = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetagJobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RetagJobs_ListeningQueries_QueryId",
                        column: x => x.QueryId,
                        principalTable: "ListeningQueries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RetagJobs_FinishedAt",
                table: "RetagJobs",
                column: "FinishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_RetagJobs_QueryId",
                table: "RetagJobs",
                column: "QueryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RetagJobs");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "ListeningQueries");

            migrationBuilder.RenameColumn(
                name: "Expression",
                table: "ListeningQueries",
                newName: "Keywords");
        }
    }
}
