using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shield.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ConsoleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Payments_PhoneNumber_CreatedAt",
                table: "Payments",
                columns: new[] { "PhoneNumber", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAttempts_ReceiptNumber",
                table: "PaymentAttempts",
                column: "ReceiptNumber");

            migrationBuilder.CreateIndex(
                name: "IX_CallbackInbox_PaymentId",
                table: "CallbackInbox",
                column: "PaymentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payments_PhoneNumber_CreatedAt",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_PaymentAttempts_ReceiptNumber",
                table: "PaymentAttempts");

            migrationBuilder.DropIndex(
                name: "IX_CallbackInbox_PaymentId",
                table: "CallbackInbox");
        }
    }
}
