using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shield.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReviewResolution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReviewResolutionNote",
                table: "Payments",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReviewResolvedAt",
                table: "Payments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewResolvedBy",
                table: "Payments",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewResolvedReason",
                table: "Payments",
                type: "character varying(32)",
                unicode: false,
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReviewResolutionNote",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "ReviewResolvedAt",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "ReviewResolvedBy",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "ReviewResolvedReason",
                table: "Payments");
        }
    }
}
