using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shield.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Refunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Events_PaymentId_Sequence",
                table: "Events");

            migrationBuilder.RenameColumn(
                name: "PaymentId",
                table: "WebhookDeliveries",
                newName: "StreamId");

            migrationBuilder.RenameIndex(
                name: "IX_WebhookDeliveries_EndpointId_PaymentId_Sequence",
                table: "WebhookDeliveries",
                newName: "IX_WebhookDeliveries_EndpointId_StreamId_Sequence");

            migrationBuilder.AddColumn<Guid>(
                name: "StreamId",
                table: "Events",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Every event so far was a payment's, numbered on the payment.
            migrationBuilder.Sql("UPDATE [Events] SET [StreamId] = [PaymentId];");

            migrationBuilder.AddColumn<Guid>(
                name: "RefundId",
                table: "CallbackInbox",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Refunds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ClientId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PaymentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    Amount = table.Column<int>(type: "int", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ReceiptNumber = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Status = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    OpenPaymentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ConversationId = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: true),
                    OriginatorConversationId = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    NoAnswer = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: true),
                    QueueTimedOut = table.Column<bool>(type: "bit", nullable: false),
                    ReversalReceiptNumber = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: true),
                    ReversedAmount = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: true),
                    ResultCode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: true),
                    Review = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: true),
                    Verifications = table.Column<int>(type: "int", nullable: false),
                    VerificationRequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    VerificationConversationId = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: true),
                    VerificationOriginatorConversationId = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: true),
                    SettledBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    SettlementNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false),
                    FailureCode = table.Column<string>(type: "varchar(40)", unicode: false, maxLength: 40, nullable: true),
                    FailureMessage = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    FailureResultCode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: true),
                    FailureResultDescription = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    FailureRetriable = table.Column<bool>(type: "bit", nullable: true),
                    EventSequence = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Refunds", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Events_PaymentId",
                table: "Events",
                column: "PaymentId");

            migrationBuilder.CreateIndex(
                name: "IX_Events_StreamId_Sequence",
                table: "Events",
                columns: new[] { "StreamId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_ClientId_CreatedAt",
                table: "Refunds",
                columns: new[] { "ClientId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_ClientId_IdempotencyKey",
                table: "Refunds",
                columns: new[] { "ClientId", "IdempotencyKey" },
                unique: true,
                filter: "[IdempotencyKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_ConversationId",
                table: "Refunds",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_OpenPaymentId",
                table: "Refunds",
                column: "OpenPaymentId",
                unique: true,
                filter: "[OpenPaymentId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_OriginatorConversationId",
                table: "Refunds",
                column: "OriginatorConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_PaymentId_Status",
                table: "Refunds",
                columns: new[] { "PaymentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_ReceiptNumber",
                table: "Refunds",
                column: "ReceiptNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_Status_CreatedAt",
                table: "Refunds",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_VerificationConversationId",
                table: "Refunds",
                column: "VerificationConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_VerificationOriginatorConversationId",
                table: "Refunds",
                column: "VerificationOriginatorConversationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Refunds");

            migrationBuilder.DropIndex(
                name: "IX_Events_PaymentId",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_StreamId_Sequence",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "StreamId",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "RefundId",
                table: "CallbackInbox");

            migrationBuilder.RenameColumn(
                name: "StreamId",
                table: "WebhookDeliveries",
                newName: "PaymentId");

            migrationBuilder.RenameIndex(
                name: "IX_WebhookDeliveries_EndpointId_StreamId_Sequence",
                table: "WebhookDeliveries",
                newName: "IX_WebhookDeliveries_EndpointId_PaymentId_Sequence");

            migrationBuilder.CreateIndex(
                name: "IX_Events_PaymentId_Sequence",
                table: "Events",
                columns: new[] { "PaymentId", "Sequence" },
                unique: true);
        }
    }
}
