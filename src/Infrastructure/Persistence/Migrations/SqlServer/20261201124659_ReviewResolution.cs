using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shield.Infrastructure.Persistence.Migrations.SqlServer
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
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReviewResolvedAt",
                table: "Payments",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewResolvedBy",
                table: "Payments",
                type: "nvarchar(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewResolvedReason",
                table: "Payments",
                type: "varchar(32)",
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
