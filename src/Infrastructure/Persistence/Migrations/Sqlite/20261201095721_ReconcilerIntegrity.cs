using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shield.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReconcilerIntegrity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_CallbackInbox_Outcome_ReceivedAt",
                table: "CallbackInbox",
                columns: new[] { "Outcome", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CallbackInbox_Outcome_ReceivedAt",
                table: "CallbackInbox");
        }
    }
}
