using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tertulia.Storage.Migrations
{
    /// <summary>
    /// Full-text index over mentions: an FTS5 table reading its content from Mentions, folded to lower case
    /// without diacritics ("opinion" finds "opinión"), kept in step by triggers inside every write transaction.
    /// </summary>
    public partial class MentionSearchIndex : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "MentionIndex" USING fts5(
                    "Title", "Text", "Author",
                    content='Mentions', content_rowid='Id',
                    tokenize='unicode61 remove_diacritics 2'
                );
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Mentions_ai" AFTER INSERT ON "Mentions" BEGIN
                    INSERT INTO "MentionIndex"(rowid, "Title", "Text", "Author") VALUES (new."Id", new."Title", new."Text", new."Author");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Mentions_ad" AFTER DELETE ON "Mentions" BEGIN
                    INSERT INTO "MentionIndex"("MentionIndex", rowid, "Title", "Text", "Author") VALUES ('delete', old."Id", old."Title", old."Text", old."Author");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Mentions_au" AFTER UPDATE OF "Title", "Text", "Author" ON "Mentions" BEGIN
                    INSERT INTO "MentionIndex"("MentionIndex", rowid, "Title", "Text", "Author") VALUES ('delete', old."Id", old."Title", old."Text", old."Author");
                    INSERT INTO "MentionIndex"(rowid, "Title", "Text", "Author") VALUES (new."Id", new."Title", new."Text", new."Author");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "MentionIndex"("MentionIndex") VALUES ('rebuild');""");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Mentions_au";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Mentions_ad";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Mentions_ai";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "MentionIndex";""");
        }
    }
}
