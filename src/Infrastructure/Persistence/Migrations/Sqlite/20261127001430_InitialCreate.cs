using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shield.Infrastructure.Persistence.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", unicode: false, maxLength: 24, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RemoteAddress = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: true),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", unicode: false, maxLength: 24, nullable: false),
                    CheckoutRequestId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: true),
                    PaymentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallbackInbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Payments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    PhoneNumber = table.Column<string>(type: "TEXT", unicode: false, maxLength: 12, nullable: false),
                    AccountReference = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    Status = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    MpesaReceiptNumber = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: true),
                    FailureCode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 40, nullable: true),
                    FailureResultCode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: true),
                    FailureMessage = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FailureRetriable = table.Column<bool>(type: "INTEGER", nullable: true),
                    ReviewReason = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Payments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PaymentAttempts",
                columns: table => new
                {
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    PaymentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", unicode: false, maxLength: 20, nullable: false),
                    MerchantRequestId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: true),
                    CheckoutRequestId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: true),
                    ResultCode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: true),
                    ResultDescription = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReceiptNumber = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: true),
                    PaidAmount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastQueriedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    QueryCount = table.Column<int>(type: "INTEGER", nullable: false),
                    NextQueryAt = table.Column<long>(type: "INTEGER", nullable: true)
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
