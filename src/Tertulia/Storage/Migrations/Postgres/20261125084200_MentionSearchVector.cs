using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tertulia.Storage.Migrations.Postgres
{
    /// <summary>
    /// Full-text search on PostgreSQL: a generated tsvector per mention, so it is written in the same statement (and
    /// transaction) as the row, GIN-indexed. Words are what SQLite's FTS5 unicode61 tokenizer (remove_diacritics 2)
    /// sees: lower-cased, without accents ("opinión" → "opinion", "ñ" → "n"), split on anything that is not a letter
    /// or a digit, no stemming and no stop words (the 'simple' configuration), so both stores find the same mentions.
    /// Title, text and author carry weights A, B, C (a query's field). The column stays out of the EF model: only search reads it.
    /// </summary>
    [DbContext(typeof(PostgresTertuliaDb))]
    [Migration("20261125084200_MentionSearchVector")]
    public partial class MentionSearchVector : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Folding as FTS5's remove_diacritics and the matcher do it: decompose (NFD), drop the combining marks, lower.
            // Not unaccent(): its expansions (ß → ss, æ → ae, ½ → 1/2) would let PostgreSQL find mentions SQLite does
            // not, and it is only STABLE. Every name is qualified, so the expression works under any search_path
            // (pg_restore runs with an empty one).
            migrationBuilder.Sql("""
                CREATE FUNCTION tertulia_search_words(text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$ SELECT pg_catalog.regexp_replace(
                    pg_catalog.lower(pg_catalog.regexp_replace(pg_catalog.normalize($1, 'NFD'), '[\u0300-\u036f]+', '', 'g')),
                    '[^[:alnum:]]+', ' ', 'g') $$;
                """);
            // A placeholder lexeme between the fields, deleted at the end, leaves a hole in the positions: a phrase
            // never spans the title and the text (as in FTS5 and the matcher). '_' is never a word of the index.
            migrationBuilder.Sql("""
                ALTER TABLE "Mentions" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    ts_delete(
                        setweight(to_tsvector('simple'::regconfig, coalesce(tertulia_search_words("Title"), '')), 'A') || '_:1'::tsvector ||
                        setweight(to_tsvector('simple'::regconfig, coalesce(tertulia_search_words("Text"), '')), 'B') || '_:1'::tsvector ||
                        setweight(to_tsvector('simple'::regconfig, coalesce(tertulia_search_words("Author"), '')), 'C'),
                        '_'::text)
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
