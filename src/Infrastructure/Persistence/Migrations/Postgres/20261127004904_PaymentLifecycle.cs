using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shield.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PaymentLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "VerificationAmount",
                table: "Payments",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "VerificationAnsweredAt",
                table: "Payments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "VerificationCompletedAt",
                table: "Payments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationConversationId",
                table: "Payments",
                type: "character varying(64)",
                unicode: false,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationOriginatorConversationId",
                table: "Payments",
                type: "character varying(64)",
                unicode: false,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationReceiptNumber",
                table: "Payments",
                type: "character varying(32)",
                unicode: false,
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "VerificationRequestedAt",
                table: "Payments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationResultCode",
                table: "Payments",
                type: "character varying(32)",
                unicode: false,
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationResultDescription",
                table: "Payments",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationStatus",
                table: "Payments",
                type: "character varying(16)",
                unicode: false,
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationTransactionStatus",
                table: "Payments",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResultSource",
                table: "PaymentAttempts",
                type: "character varying(16)",
                unicode: false,
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Payments_VerificationConversationId",
                table: "Payments",
                column: "VerificationConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_VerificationOriginatorConversationId",
                table: "Payments",
                column: "VerificationOriginatorConversationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payments_VerificationConversationId",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Payments_VerificationOriginatorConversationId",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "VerificationAmount",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "VerificationAnsweredAt",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "VerificationCompletedAt",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "VerificationConversationId",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "VerificationOriginatorConversationId",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "VerificationReceiptNumber",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "VerificationRequestedAt",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "VerificationResultCode",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "VerificationResultDescription",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "VerificationStatus",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "VerificationTransactionStatus",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "ResultSource",
                table: "PaymentAttempts");
        }
    }
}
