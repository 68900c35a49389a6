using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tertulia.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ChannelCommentCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CommentCount",
                table: "Channels",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Stores from before: their comments counted once, here; the pipeline keeps the counter from now on.
            migrationBuilder.Sql("""
                UPDATE "Channels" SET "CommentCount" =
                    (SELECT COUNT(*) FROM "Mentions" WHERE "Mentions"."ChannelId" = "Channels"."Id" AND "Mentions"."Kind" = 'Comment')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CommentCount",
                table: "Channels");
        }
    }
}
