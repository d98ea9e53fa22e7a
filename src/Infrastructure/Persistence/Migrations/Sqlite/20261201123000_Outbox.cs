using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shield.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Outbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "EventSequence",
                table: "Payments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "NoAnswer",
                table: "PaymentAttempts",
                type: "TEXT",
                unicode: false,
                maxLength: 16,
                nullable: true);

            // Why a push got no answer was stored only as the sentence the attempt carried: now a value (the sentences
            // are those the code wrote, so every such row converts).
            migrationBuilder.Sql("UPDATE \"PaymentAttempts\" SET \"NoAnswer\" = 'TimedOut' WHERE \"ResultDescription\" = 'No answer from M-Pesa in time; the push may have been delivered.';");
            migrationBuilder.Sql("UPDATE \"PaymentAttempts\" SET \"NoAnswer\" = 'Unreachable' WHERE \"ResultDescription\" = 'M-Pesa could not be reached or its answer was unreadable; the push may have been delivered.';");

            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    PaymentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false),
                    DispatchedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: true),
                    LeasedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", unicode: false, maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Events", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Events_ClientId_Id",
                table: "Events",
                columns: new[] { "ClientId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_DispatchedAt_NextAttemptAt",
                table: "Events",
                columns: new[] { "DispatchedAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_PaymentId_Sequence",
                table: "Events",
                columns: new[] { "PaymentId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Events");

            migrationBuilder.DropColumn(
                name: "EventSequence",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "NoAnswer",
                table: "PaymentAttempts");
        }
    }
}
