using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Billing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "billing_daily_facts",
                columns: table => new
                {
                    period_id = table.Column<int>(type: "INTEGER", nullable: false),
                    usage_account_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    usage_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    dimension_id = table.Column<int>(type: "INTEGER", nullable: false),
                    tag_id = table.Column<int>(type: "INTEGER", nullable: true),
                    unblended_cost = table.Column<long>(type: "INTEGER", nullable: false),
                    net_unblended_cost = table.Column<long>(type: "INTEGER", nullable: true),
                    amortized_cost = table.Column<long>(type: "INTEGER", nullable: false),
                    public_on_demand_cost = table.Column<long>(type: "INTEGER", nullable: true),
                    usage_amount = table.Column<double>(type: "REAL", nullable: false),
                    line_count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                });

            migrationBuilder.CreateTable(
                name: "billing_dimensions",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    product_code = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    product_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    usage_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    operation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    availability_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    line_item_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_dimensions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_ingestion_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    source_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    delivery_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    delivery = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    phase = table.Column<int>(type: "INTEGER", nullable: false),
                    rows_read = table.Column<long>(type: "INTEGER", nullable: false),
                    bytes_read = table.Column<long>(type: "INTEGER", nullable: false),
                    bytes_total = table.Column<long>(type: "INTEGER", nullable: false),
                    fact_rows = table.Column<long>(type: "INTEGER", nullable: false),
                    progress = table.Column<double>(type: "REAL", nullable: false),
                    error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    duration_seconds = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_ingestion_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_periods",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    payer_account_id = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    source_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    delivery_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    last_aggregated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    data_complete_through = table.Column<long>(type: "INTEGER", nullable: true),
                    is_final = table.Column<bool>(type: "INTEGER", nullable: false),
                    line_count = table.Column<long>(type: "INTEGER", nullable: false),
                    fact_count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_periods", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_sources",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    payer_account_id = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    location = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    s3service_url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    format = table.Column<int>(type: "INTEGER", nullable: false),
                    tag_key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_sources", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_tags",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    value = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_tags", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    source_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    payer_account_id = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    period_key = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    delivery_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    file_count = table.Column<int>(type: "INTEGER", nullable: false),
                    total_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    lease_expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    discovered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_billing_deliveries_billing_sources_source_id",
                        column: x => x.source_id,
                        principalTable: "billing_sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_billing_daily_facts_period_id_usage_account_id_usage_date",
                table: "billing_daily_facts",
                columns: new[] { "period_id", "usage_account_id", "usage_date" });

            migrationBuilder.CreateIndex(
                name: "ix_billing_deliveries_payer_account_id_period_key_delivery_key",
                table: "billing_deliveries",
                columns: new[] { "payer_account_id", "period_key", "delivery_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_billing_deliveries_source_id",
                table: "billing_deliveries",
                column: "source_id");

            migrationBuilder.CreateIndex(
                name: "ix_billing_dimensions_product_code_product_name_usage_type_operation_region_availability_zone_line_item_type_currency",
                table: "billing_dimensions",
                columns: new[] { "product_code", "product_name", "usage_type", "operation", "region", "availability_zone", "line_item_type", "currency" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_billing_ingestion_runs_source_id_started_at",
                table: "billing_ingestion_runs",
                columns: new[] { "source_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_billing_ingestion_runs_started_at",
                table: "billing_ingestion_runs",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_billing_periods_payer_account_id_month",
                table: "billing_periods",
                columns: new[] { "payer_account_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_billing_sources_payer_account_id",
                table: "billing_sources",
                column: "payer_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_billing_tags_value",
                table: "billing_tags",
                column: "value",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_daily_facts");

            migrationBuilder.DropTable(
                name: "billing_deliveries");

            migrationBuilder.DropTable(
                name: "billing_dimensions");

            migrationBuilder.DropTable(
                name: "billing_ingestion_runs");

            migrationBuilder.DropTable(
                name: "billing_periods");

            migrationBuilder.DropTable(
                name: "billing_tags");

            migrationBuilder.DropTable(
                name: "billing_sources");
        }
    }
}
