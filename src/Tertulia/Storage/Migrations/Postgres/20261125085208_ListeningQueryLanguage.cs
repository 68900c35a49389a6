using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Tertulia.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ListeningQueryLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Keywords",
                table: "ListeningQueries",
                newName: "Expression");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "ListeningQueries",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.CreateTable(
                name: "RetagJobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkspaceId = table.Column<int>(type: "integer", nullable: false),
                    QueryId = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Done = table.Column<int>(type: "integer", nullable: false),
                    Matched = table.Column<int>(type: "integer", nullable: false),
                    AfterMentionId = table.Column<long>(type: "bigint", nullable: false),
                    Superseded = table.Column<bool>(type: "boolean", nullable: false)
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
