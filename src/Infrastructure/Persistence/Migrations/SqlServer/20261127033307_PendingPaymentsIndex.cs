using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shield.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PendingPaymentsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Payments_Status_CreatedAt",
                table: "Payments",
                columns: new[] { "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payments_Status_CreatedAt",
                table: "Payments");
        }
    }
}
