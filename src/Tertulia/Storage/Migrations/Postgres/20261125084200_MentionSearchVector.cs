using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tertulia.Storage.Migrations.Postgres
{
    /// <summary>
    /// Full-text search on PostgreSQL: a generated tsvector per mention, so it is written in the same statement (and
    /// transaction) as the row, GIN-indexed. Words are what SQLite's FTS5 unicode61 tokenizer (remove_diacritics 2)
    /// sees: lower-cased, unaccented ("opinión" → "opinion", "ñ" → "n"), split on anything that is not a letter or a
    /// digit, no stemming and no stop words (the 'simple' configuration), so both stores find the same mentions.
    /// Title, text and author carry weights A, B, C. The column stays out of the EF model: only search reads it.
    /// </summary>
    [DbContext(typeof(PostgresTertuliaDb))]
    [Migration("20261125084200_MentionSearchVector")]
    public partial class MentionSearchVector : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            // unaccent() is only STABLE (its rules file could change); a generated column needs IMMUTABLE. The rules
            // are fixed for a database's life (after changing them, REINDEX and rewrite). Every name is qualified with
            // the schema unaccent lives in, so the expression works under any search_path (pg_restore runs with none).
            migrationBuilder.Sql("""
                DO $do$
                DECLARE s text := (SELECT quote_ident(n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent');
                BEGIN
                    EXECUTE format($f$
                        CREATE FUNCTION tertulia_search_words(text) RETURNS text
                        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                        AS $$ SELECT pg_catalog.regexp_replace(pg_catalog.lower(%1$s.unaccent(%2$L::pg_catalog.regdictionary, $1)), '[^[:alnum:]]+', ' ', 'g') $$
                    $f$, s, s || '.unaccent');
                END
                $do$;
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Mentions" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple'::regconfig, coalesce(tertulia_search_words("Title"), '')), 'A') ||
                    setweight(to_tsvector('simple'::regconfig, coalesce(tertulia_search_words("Text"), '')), 'B') ||
                    setweight(to_tsvector('simple'::regconfig, coalesce(tertulia_search_words("Author"), '')), 'C')
                ) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Mentions_SearchVector" ON "Mentions" USING GIN ("SearchVector");""");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Mentions_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Mentions" DROP COLUMN IF EXISTS "SearchVector";""");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS tertulia_search_words(text);");
        }
    }
}
