using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shield.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AnsweredQueries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AnsweredQueryCount",
                table: "PaymentAttempts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Attempts queried before this column existed are taken as answered: their expiry keeps its old meaning.
            migrationBuilder.Sql("UPDATE \"PaymentAttempts\" SET \"AnsweredQueryCount\" = \"QueryCount\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnsweredQueryCount",
                table: "PaymentAttempts");
        }
    }
}
