using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shield.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InFlightPhoneLock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InFlightPhoneNumber",
                table: "PaymentAttempts",
                type: "character varying(12)",
                unicode: false,
                maxLength: 12,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAttempts_InFlightPhoneNumber",
                table: "PaymentAttempts",
                column: "InFlightPhoneNumber",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PaymentAttempts_InFlightPhoneNumber",
                table: "PaymentAttempts");

            migrationBuilder.DropColumn(
                name: "InFlightPhoneNumber",
                table: "PaymentAttempts");
        }
    }
}
