using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tertulia.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChannelLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LeaseExpiresAt",
                table: "Channels",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeasedBy",
                table: "Channels",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LeaseExpiresAt",
                table: "Channels");

            migrationBuilder.DropColumn(
                name: "LeasedBy",
                table: "Channels");
        }
    }
}
