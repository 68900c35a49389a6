using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tertulia.Storage.Migrations.Postgres
{
    /// <summary>
    /// Relevance ranking on PostgreSQL: a text search configuration "tertulia_spanish" — PostgreSQL's Spanish one with
    /// the unaccent dictionary in front of the Spanish Snowball stemmer, so "Pedidos", "pedido" and "pédido" are one
    /// lexeme and stop words («de», «la», «que») weigh nothing — and a generated "StemVector" (title weight A, text B)
    /// written in the same statement as the row. Search ranks the mentions a listening query matched with ts_rank_cd
    /// over it; matching itself stays on the exact "SearchVector" (the 'simple' configuration, GIN-indexed), because
    /// stemming and unaccent's expansions would find mentions SQLite does not (and «no» is a Spanish stop word).
    /// No GIN on "StemVector": ranking reads the rows a query already found, by id. unaccent is a trusted extension:
    /// the database's owner may create it without being a superuser.
    /// </summary>
    public partial class MentionRelevance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;");
            // Qualified names throughout, so the configuration and the column's expression hold under an empty
            // search_path (pg_restore) and whatever schema a session looks in first.
            migrationBuilder.Sql("""
                CREATE TEXT SEARCH CONFIGURATION public.tertulia_spanish (COPY = pg_catalog.spanish);
                ALTER TEXT SEARCH CONFIGURATION public.tertulia_spanish
                    ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.spanish_stem;
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Mentions" ADD COLUMN "StemVector" tsvector GENERATED ALWAYS AS (
                    setweight(pg_catalog.to_tsvector('public.tertulia_spanish'::regconfig, coalesce("Title", '')), 'A') ||
                    setweight(pg_catalog.to_tsvector('public.tertulia_spanish'::regconfig, coalesce("Text", '')), 'B')
                ) STORED;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "Mentions" DROP COLUMN IF EXISTS "StemVector";""");
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION IF EXISTS public.tertulia_spanish;");
        }
    }
}
