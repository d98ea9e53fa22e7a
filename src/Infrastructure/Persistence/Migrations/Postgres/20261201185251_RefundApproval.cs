using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shield.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RefundApproval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ApprovedAt",
                table: "Refunds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedBy",
                table: "Refunds",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RejectedAt",
                table: "Refunds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RejectedBy",
                table: "Refunds",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RejectionNote",
                table: "Refunds",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequestedBy",
                table: "Refunds",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            // Every refund stored before this was requested through the API.
            migrationBuilder.Sql("""UPDATE "Refunds" SET "RequestedBy" = 'client:' || "ClientId";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApprovedAt",
                table: "Refunds");

            migrationBuilder.DropColumn(
                name: "ApprovedBy",
                table: "Refunds");

            migrationBuilder.DropColumn(
                name: "RejectedAt",
                table: "Refunds");

            migrationBuilder.DropColumn(
                name: "RejectedBy",
                table: "Refunds");

            migrationBuilder.DropColumn(
                name: "RejectionNote",
                table: "Refunds");

            migrationBuilder.DropColumn(
                name: "RequestedBy",
                table: "Refunds");
        }
    }
}
