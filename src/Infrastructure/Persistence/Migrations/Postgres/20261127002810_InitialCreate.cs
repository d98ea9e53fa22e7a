using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shield.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CallbackInbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", unicode: false, maxLength: 24, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RemoteAddress = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: true),
                    Body = table.Column<string>(type: "text", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(24)", unicode: false, maxLength: 24, nullable: false),
                    CheckoutRequestId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: true),
                    PaymentId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallbackInbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Payments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    Amount = table.Column<int>(type: "integer", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", unicode: false, maxLength: 3, nullable: false),
                    PhoneNumber = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    AccountReference = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Description = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    MpesaReceiptNumber = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: true),
                    FailureCode = table.Column<string>(type: "character varying(40)", unicode: false, maxLength: 40, nullable: true),
                    FailureResultCode = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: true),
                    FailureMessage = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FailureRetriable = table.Column<bool>(type: "boolean", nullable: true),
                    ReviewReason = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Payments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PaymentAttempts",
                columns: table => new
                {
                    Number = table.Column<int>(type: "integer", nullable: false),
                    PaymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", unicode: false, maxLength: 20, nullable: false),
                    MerchantRequestId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: true),
                    CheckoutRequestId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: true),
                    ResultCode = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: true),
                    ResultDescription = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReceiptNumber = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: true),
                    PaidAmount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    PaidAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastQueriedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    QueryCount = table.Column<int>(type: "integer", nullable: false),
                    NextQueryAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentAttempts", x => new { x.PaymentId, x.Number });
                    table.ForeignKey(
                        name: "FK_PaymentAttempts_Payments_PaymentId",
                        column: x => x.PaymentId,
                        principalTable: "Payments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CallbackInbox_CheckoutRequestId_Outcome",
                table: "CallbackInbox",
                columns: new[] { "CheckoutRequestId", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_CallbackInbox_ReceivedAt",
                table: "CallbackInbox",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAttempts_CheckoutRequestId",
                table: "PaymentAttempts",
                column: "CheckoutRequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAttempts_Status_NextQueryAt",
                table: "PaymentAttempts",
                columns: new[] { "Status", "NextQueryAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_ClientId_CreatedAt",
                table: "Payments",
                columns: new[] { "ClientId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_ClientId_IdempotencyKey",
                table: "Payments",
                columns: new[] { "ClientId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Payments_MpesaReceiptNumber",
                table: "Payments",
                column: "MpesaReceiptNumber",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallbackInbox");

            migrationBuilder.DropTable(
                name: "PaymentAttempts");

            migrationBuilder.DropTable(
                name: "Payments");
        }
    }
}
